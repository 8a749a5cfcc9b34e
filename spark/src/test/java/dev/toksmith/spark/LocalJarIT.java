package dev.toksmith.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spark/target/toksmith-spark-local.jar} as users run it, {@code java -jar} in a process of its
 * own: it trains what the command line trains, reports a bad input in one line, and is put together
 * as it must be (the Add-Opens Spark needs, every service registration of every jar, toksmith's
 * Jackson relocated beside Spark's own). Run by failsafe, once the jar is built.
 */
class LocalJarIT {
  private static final Path JAR = Path.of(System.getProperty("localJar", "target/toksmith-spark-local.jar"));

  @TempDir Path dir;

  @Test
  void trainsWhatTheCommandLineTrains() throws Exception {
    Path input = Files.write(dir.resolve("crafted.txt"), Corpora.concat(Corpora.sample("us-constitution"), Corpora.CRAFTED));
    JarRun jar = run("train", "--master", "local[2]", "--preset", "kl3m", "--vocab-size", "4096", "-o", dir.resolve("jar.json").toString(), input.toString());
    assertEquals(0, jar.code(), jar.err());
    Runs.Result cli = Runs.cli("train", "--preset", "kl3m", "--vocab-size", "4096", "-o", dir.resolve("cli.json").toString(), input.toString());
    assertArrayEquals(Files.readAllBytes(dir.resolve("cli.json")), Files.readAllBytes(dir.resolve("jar.json")));
    // The summary alone on standard error: Spark's progress log stays off.
    assertEquals(cli.errWithoutTime().replace("cli.json", "OUT"), jar.errWithoutTime().replace("jar.json", "OUT"));
    assertEquals("", jar.out(), "nothing on standard output");
  }

  @Test
  void reportsABadLineInOneLineAndLeavesNoOutput() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"text\": \"fine\"}\n{\"text\": 3}\n");
    JarRun failed = run("encode", "--master", "local[1]", "-t", "gpt2", "--jsonl-field", "text", "-o", dir.resolve("out").toString(), bad.toString());
    assertEquals(1, failed.code());
    assertEquals(1, failed.err().lines().count(), failed.err());
    assertTrue(failed.err().startsWith("toksmith-spark: " + bad + ": document 1: field \"text\" "), failed.err());
    assertFalse(Files.exists(dir.resolve("out")), "the Parquet writer's directory is gone");
  }

  @Test
  void withoutAMasterItSaysHowToGiveOne() throws Exception {
    JarRun r = run("train", dir.resolve("x.txt").toString());
    assertEquals(2, r.code());
    assertEquals("toksmith-spark: no Spark master: give --master local[*] to run here, or run through spark-submit (see 'toksmith-spark train --help')\n", r.err());
  }

  @Test
  void theManifestOpensWhatSparkNeedsOnJava17() throws IOException {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      Attributes manifest = jar.getManifest().getMainAttributes();
      assertEquals("dev.toksmith.spark.SparkTokenize", manifest.getValue("Main-Class"));
      Set<String> opens = new HashSet<>(Arrays.asList(manifest.getValue("Add-Opens").split(" ")));
      // What spark-submit adds (Spark's JavaModuleOptions), but the system property, which a manifest cannot set.
      for (String option : org.apache.spark.launcher.JavaModuleOptions.defaultModuleOptions().split(" ")) {
        if (option.startsWith("--add-opens=")) assertTrue(opens.contains(option.substring("--add-opens=".length()).replace("=ALL-UNNAMED", "")), option);
      }
    }
  }

  @Test
  void everyServiceRegistrationOfEveryJarIsKept() throws IOException {
    int merged = 0;
    try (JarFile fat = new JarFile(JAR.toFile())) {
      // The class path this test runs on: Spark and its dependencies, as the fat jar was made from them.
      for (String entry : System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")).split(File.pathSeparator)) {
        if (!entry.endsWith(".jar") || entry.contains("rocksdbjni") || entry.contains("junit") || entry.contains("opentest4j") || entry.contains("apiguardian")) continue;
        try (JarFile jar = new JarFile(entry)) {
          for (ZipEntry service : jar.stream().filter(e -> e.getName().startsWith("META-INF/services/") && !e.isDirectory()).toList()) {
            Set<String> expected = providers(jar, service.getName());
            ZipEntry inFat = fat.getEntry(service.getName());
            assertTrue(inFat != null, entry + " " + service.getName());
            Set<String> kept = providers(fat, inFat.getName());
            for (String provider : expected) assertTrue(kept.contains(provider), entry + ": " + service.getName() + ": " + provider);
            if (kept.size() > expected.size()) merged++;
          }
        }
      }
    }
    assertTrue(merged >= 2, "services that several jars register (Spark's ProtobufSerDe, Jackson's Module) are merged");
  }

  @Test
  void toksmithsJacksonIsRelocatedBesideSparksOwn() throws IOException {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      assertTrue(jar.getEntry("dev/toksmith/shaded/jackson/databind/ObjectMapper.class") != null);
      assertTrue(jar.getEntry("dev/toksmith/shaded/commons/compress/archivers/tar/TarArchiveInputStream.class") != null);
      // Spark's classes, as a class loader over the jar finds them: its own Jackson.
      try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {JAR.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
        Object version = loader.loadClass("com.fasterxml.jackson.databind.cfg.PackageVersion").getField("VERSION").get(null);
        assertTrue(version.toString().startsWith("2.15."), "Spark 3.5's own Jackson, not toksmith's: " + version);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
      assertTrue(jar.stream().noneMatch(e -> e.getName().startsWith("META-INF/versions/") && e.getName().contains("/toksmith/")), "no stray multi-release class of a relocated library");
      assertTrue(jar.stream().noneMatch(e -> e.getName().startsWith("ai/onnxruntime/native/")), "no ONNX Runtime native library: the job runs no language model");
    }
  }

  private static Set<String> providers(JarFile jar, String entry) throws IOException {
    Set<String> providers = new LinkedHashSet<>();
    try (InputStream in = jar.getInputStream(jar.getEntry(entry))) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String provider = line.replaceAll("#.*", "").trim();
        if (!provider.isEmpty()) providers.add(provider);
      }
    }
    return providers;
  }

  /**
   * {@code java -jar toksmith-spark-local.jar ARGS} in {@link #dir}, on the client compiler alone (a
   * small job's CPU is mostly Spark's cold start being compiled: half of it without the server compiler).
   */
  private JarRun run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-XX:TieredStopAtLevel=1",
        "-jar", JAR.toString()));
    command.addAll(List.of(args));
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectError(err.toFile());
    builder.environment().remove("SPARK_HOME");
    Process process = builder.start();
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    int code = process.waitFor();
    return new JarRun(code, new String(out, StandardCharsets.UTF_8), Files.readString(err));
  }

  /** A finished run of the jar. */
  record JarRun(int code, String out, String err) {
    String errWithoutTime() {
      return err.replaceAll(" in [0-9.]+ s", " in _ s");
    }
  }
}
