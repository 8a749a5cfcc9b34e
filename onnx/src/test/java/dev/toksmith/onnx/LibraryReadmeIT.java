package dev.toksmith.onnx;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.Tokenizers;
import dev.toksmith.samples.Sample;
import dev.toksmith.samples.Samples;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's library section, as a user's modular application runs it: every Java snippet of the
 * section is compiled as code of a module that requires toksmith's library modules, against their
 * jars on the module path, and run there, in a directory holding what the snippets name ({@code
 * corpus/}, {@code tokenizer.json}, {@code gpt2-onnx/}). Snippets see the packages the modules export
 * and no others (they import each exported package whole), so a snippet that needs an internal class
 * fails here. Lives in the onnx module because it is the library module that reads all the others;
 * runs after {@code package}, when the jars carry their module descriptors.
 */
class LibraryReadmeIT {
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);
  private static final String SECTION = "## Library\n";
  private static final long RUN_SECONDS = 300;
  /** The modules a user's code requires (corpora-samples is for tests and benchmarks only). */
  private static final List<String> LIBRARY_MODULES = List.of("dev.toksmith.core", "dev.toksmith.vocab", "dev.toksmith.onnx");

  @TempDir static Path work;
  private static List<Path> modulePath;

  @BeforeAll
  static void modulePath() throws IOException {
    modulePath = new ArrayList<>();
    modulePath.add(Path.of(System.getProperty("toksmith.jar")));
    String runtime = Files.readString(Path.of(System.getProperty("toksmith.runtimeModulePath"))).strip();
    for (String entry : runtime.split(File.pathSeparator)) modulePath.add(Path.of(entry));
  }

  @Test
  void everyJarOfTheLibraryIsANamedModule() {
    for (String module : LIBRARY_MODULES) {
      ModuleReference ref = finder().find(module).orElseThrow(() -> new AssertionError("no module " + module + " on " + modulePath));
      assertFalse(ref.descriptor().isAutomatic(), module + " has no module-info");
    }
  }

  @Test
  void internalPackagesAreHidden() throws IOException {
    Path source = work.resolve("hidden");
    write(source, "module hidden { requires dev.toksmith.vocab; }", "hidden/Main.java",
        "package hidden;\npublic class Main { public static void main(String[] a) { System.out.println(dev.toksmith.core.Pipeline.class); } }\n");
    String errors = compile(source, work.resolve("hidden-classes"));
    assertTrue(errors.contains("dev.toksmith.core") && errors.contains("is not visible"), errors);
  }

  @Test
  void theLibrarySnippetsCompileAndRunOnTheModulePath() throws Exception {
    List<Snippet> snippets = snippets(Files.readString(Path.of(System.getProperty("toksmith.readme"))));
    assertFalse(snippets.isEmpty(), "no Java snippet in the README's library section");
    Path source = work.resolve("example");
    List<String> files = new ArrayList<>();
    TreeSet<String> exported = exportedPackages();
    for (Snippet s : snippets) {
      files.add("example/" + s.className() + ".java");
      files.add(s.program(exported));
    }
    write(source, "module example { requires dev.toksmith.vocab; requires dev.toksmith.onnx; }", files.toArray(String[]::new));
    Path classes = work.resolve("example-classes");
    String errors = compile(source, classes);
    assertEquals("", errors, "the README's library snippets do not compile against the exported packages");

    Path dir = Files.createDirectories(work.resolve("run"));
    prepare(dir);
    for (Snippet s : snippets) run(s, classes, dir);
  }

  /** What the snippets name: corpus directories, a tokenizer.json, and an ONNX export of a GPT-2. */
  private static void prepare(Path dir) throws IOException {
    List<Sample> samples = new ArrayList<>(Samples.group("government"));
    samples.addAll(Samples.group("literature"));
    for (int i = 0; i < samples.size(); i++) {
      Sample sample = samples.get(i);
      for (String corpus : List.of("corpus", i % 2 == 0 ? "part-1" : "part-2")) {
        try (InputStream in = sample.open()) {
          Files.copy(in, Files.createDirectories(dir.resolve(corpus)).resolve(sample.file()));
        }
      }
    }
    Tokenizers.save(Tokenizers.load("gpt2"), dir.resolve("tokenizer.json"));
    Files.move(TinyGpt2.export(TinyGpt2.WITH_PAST, dir), dir.resolve("gpt2-onnx"));
  }

  private static void run(Snippet s, Path classes, Path dir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String path = Stream.concat(Stream.of(classes), modulePath.stream()).map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    Path log = dir.resolve(s.className() + ".log");
    Process p = new ProcessBuilder(java, "-Xmx1g", "--module-path", path, "-m", "example/example." + s.className())
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(RUN_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("README line " + s.line() + ": the snippet did not finish in " + RUN_SECONDS + " s");
    }
    assertEquals(0, p.exitValue(), () -> "README line " + s.line() + ": the snippet failed:\n" + read(log));
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** The packages the library modules export to everyone. */
  private static TreeSet<String> exportedPackages() {
    TreeSet<String> out = new TreeSet<>();
    for (String module : LIBRARY_MODULES) {
      for (ModuleDescriptor.Exports e : finder().find(module).orElseThrow().descriptor().exports()) {
        if (!e.isQualified()) out.add(e.source());
      }
    }
    return out;
  }

  private static ModuleFinder finder() {
    return ModuleFinder.of(modulePath.toArray(Path[]::new));
  }

  /** Compiles the module at {@code source} into {@code classes}; returns javac's errors, or "". */
  private static String compile(Path source, Path classes) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "--module-path",
        modulePath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator))));
    try (Stream<Path> files = Files.walk(source)) {
      files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
    }
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int status = javac.run(null, OutputStream.nullOutputStream(), errors, args.toArray(String[]::new));
    return status == 0 ? "" : errors.toString(UTF_8);
  }

  /** Writes module-info.java and {@code pathsAndContents} (path, content, path, content, ...) under {@code source}. */
  private static void write(Path source, String moduleInfo, String... pathsAndContents) throws IOException {
    Files.createDirectories(source);
    Files.writeString(source.resolve("module-info.java"), moduleInfo);
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      Path file = source.resolve(pathsAndContents[i]);
      Files.createDirectories(file.getParent());
      Files.writeString(file, pathsAndContents[i + 1]);
    }
  }

  /** The Java blocks of the README's library section, with the README line each starts on. */
  static List<Snippet> snippets(String readme) {
    int start = readme.indexOf(SECTION);
    assertTrue(start >= 0, "the README has no library section");
    int end = readme.indexOf("\n## ", start + SECTION.length());
    String section = readme.substring(start, end < 0 ? readme.length() : end);
    List<Snippet> out = new ArrayList<>();
    Matcher m = JAVA_BLOCK.matcher(section);
    while (m.find()) {
      int line = (int) readme.substring(0, start + m.start(1)).lines().count() + 1;
      out.add(new Snippet(line, m.group(1)));
    }
    return out;
  }

  /**
   * One README block, made a program: its statements in a main method, every exported package
   * imported, and the imports the block shows (lines starting {@code import}) at the top.
   */
  record Snippet(int line, String code) {
    String className() {
      return "ReadmeLine" + line;
    }

    String program(TreeSet<String> packages) {
      StringBuilder b = new StringBuilder("package example;\n\n");
      b.append("import static java.nio.charset.StandardCharsets.UTF_8;\n");
      for (String p : List.of("java.io", "java.nio.file", "java.util")) b.append("import ").append(p).append(".*;\n");
      for (String p : packages) b.append("import ").append(p).append(".*;\n");
      code.lines().filter(l -> l.startsWith("import ")).forEach(l -> b.append(l).append('\n'));
      b.append("\npublic class ").append(className()).append(" {\n  public static void main(String[] args) throws Exception {\n");
      b.append(code.lines().filter(l -> !l.startsWith("import ")).collect(Collectors.joining("\n", "", "\n")).indent(4));
      return b.append("  }\n}\n").toString();
    }
  }
}
