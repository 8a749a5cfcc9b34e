package dev.toksmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./toksmith} launcher, run through a symlink from a directory on the PATH, as users
 * install it. It runs in a copy of the checkout's layout with a prebuilt jar (whose manifest points
 * at this test's classes), so it never builds: its {@code mvnw} is a stub that fails if called.
 */
class LauncherTest {
  /** The launcher in the checkout; tests run in the cli module's directory. */
  private static final Path LAUNCHER = Path.of("..", "toksmith");

  @TempDir Path dir;

  /** A copy of the checkout's layout with the launcher, reached through a symlink in {@code bin}. */
  private Path bin() throws Exception {
    Path root = Files.createDirectories(dir.resolve("checkout"));
    executable(Files.copy(LAUNCHER, root.resolve("toksmith")));
    executable(Files.writeString(root.resolve("mvnw"), "#!/bin/sh\necho 'mvnw must not run here' >&2\nexit 3\n"));
    jarOfThisClassPath(Files.createDirectories(root.resolve("cli/target")).resolve("toksmith.jar"));
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Files.createSymbolicLink(bin.resolve("toksmith"), root.resolve("toksmith"));
    return bin;
  }

  /** Runs {@code command} in a directory elsewhere with {@code bin} first on the PATH; returns its standard output. */
  private String run(Path bin, String command, String javaOpts) throws Exception {
    String[] outAndErr = new String[2];
    assertEquals(0, run(bin, command, javaOpts, outAndErr), "stdout: " + outAndErr[0] + "\nstderr: " + outAndErr[1]);
    return outAndErr[0];
  }

  /** Runs {@code command} as above; returns its exit status, with its standard output and error in {@code outAndErr}. */
  private int run(Path bin, String command, String javaOpts, String[] outAndErr) throws Exception {
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    ProcessBuilder builder = new ProcessBuilder("bash", "-c", command).directory(elsewhere.toFile());
    String javaBin = Path.of(System.getProperty("java.home"), "bin").toString();
    builder.environment().put("PATH", bin + File.pathSeparator + javaBin + File.pathSeparator + System.getenv("PATH"));
    builder.environment().remove("JAVA_OPTS");
    if (javaOpts != null) builder.environment().put("JAVA_OPTS", javaOpts);
    Process p = builder.start();
    p.getOutputStream().close();
    outAndErr[0] = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    outAndErr[1] = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the launcher did not finish");
    return p.exitValue();
  }

  @Test
  void aSymlinkOnThePathRunsTheLauncher() throws Exception {
    String out = run(bin(), "toksmith --version", null);
    assertTrue(out.matches("toksmith \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n"), out);
  }

  /**
   * A source or pom newer than the jar, in any module the jar is built from (every module of the parent
   * pom but the benchmarks and the Spark job, which are built on the CLI, not into it), makes the
   * launcher rebuild: here its {@code mvnw} stub runs and fails. A module added to the build but not to
   * the launcher's list would leave a stale jar running.
   */
  @Test
  void aChangeInAnyModuleOfTheJarRebuildsIt() throws Exception {
    Path bin = bin();
    Path root = dir.resolve("checkout");
    long jarTime = Files.getLastModifiedTime(root.resolve("cli/target/toksmith.jar")).toMillis();
    Matcher modules = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(Path.of("..", "pom.xml")));
    List<String> checked = new ArrayList<>();
    while (modules.find()) {
      String module = modules.group(1);
      if (module.equals("jmh") || module.equals("spark")) continue;
      Path source = Files.createDirectories(root.resolve(module).resolve("src/main")).resolve("Changed.java");
      Files.writeString(source, "");
      Files.setLastModifiedTime(source, FileTime.fromMillis(jarTime + 2000));
      String[] outAndErr = new String[2];
      assertEquals(3, run(bin, "toksmith --version", null, outAndErr), module + ": " + outAndErr[1]);
      assertTrue(outAndErr[1].contains("mvnw must not run here"), module + ": " + outAndErr[1]);
      Files.delete(source);
      Files.setLastModifiedTime(source.getParent(), FileTime.fromMillis(jarTime - 2000));
      checked.add(module);
    }
    assertTrue(checked.containsAll(List.of("core", "vocab", "picocli", "cli")), checked.toString());
    run(bin, "toksmith --version", null); // nothing newer than the jar any more: it runs
  }

  /**
   * Encode and decode run on the quick compiler alone unless the input is known to be over 512 MiB; a JVM
   * that prints its arguments stands in for java, and sparse files stand in for large inputs.
   */
  @Test
  void encodeAndDecodeUseTheQuickCompilerUnlessTheInputIsKnownToBeLarge() throws Exception {
    Path bin = bin();
    executable(Files.writeString(bin.resolve("java"), "#!/bin/sh\necho \"$@\"\n"));
    Path small = Files.writeString(dir.resolve("small.txt"), "hi\n");
    Path large = dir.resolve("large.txt");
    try (var file = new java.io.RandomAccessFile(large.toFile(), "rw")) {
      file.setLength(600L << 20);
    }
    String quick = "-XX:TieredStopAtLevel=1";
    assertTrue(run(bin, "toksmith encode -t o200k_base < " + small, null).contains(quick));
    assertTrue(run(bin, "cat " + large + " | toksmith encode -t o200k_base", null).contains(quick), "a pipe's size is unknown");
    assertTrue(run(bin, "toksmith encode -t o200k_base " + small, null).contains(quick));
    assertTrue(!run(bin, "toksmith encode -t o200k_base < " + large, null).contains(quick));
    assertTrue(!run(bin, "toksmith encode -t o200k_base " + small + " " + large, null).contains(quick));
    assertTrue(run(bin, "toksmith decode -t o200k_base < " + small, null).contains(quick));
    assertTrue(!run(bin, "toksmith decode -t o200k_base < " + large, null).contains(quick));
    assertTrue(run(bin, "toksmith train " + large, null).contains(quick), "training runs on the quick compiler at any size");
    String own = run(bin, "toksmith encode -t o200k_base < " + small, "-XX:TieredStopAtLevel=4");
    assertTrue(!own.contains(quick) && own.contains("-XX:TieredStopAtLevel=4"), own);
  }

  /** A jar that runs {@link Main} on this JVM's class path, which its manifest lists relative to it. */
  private static void jarOfThisClassPath(Path jar) throws Exception {
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry).toAbsolutePath();
      String relative = jar.getParent().relativize(path).toString().replace(File.separatorChar, '/');
      entries.add(Files.isDirectory(path) ? relative + "/" : relative);
    }
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", entries));
    try (OutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      // The manifest is all it holds.
    }
  }

  private static void executable(Path file) throws Exception {
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
