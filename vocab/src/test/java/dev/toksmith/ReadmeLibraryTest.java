package dev.toksmith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.api.Tokenizer;
import dev.toksmith.api.TrainingResult;
import dev.toksmith.samples.Samples;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's library section is code that works: every Java snippet compiles with the imports its
 * first snippet shows (exported packages only), and runs on a small corpus, the relative file names
 * it uses made into files of a temporary directory. The ONNX snippet belongs to the onnx module.
 */
class ReadmeLibraryTest {
  private static final Path README = Path.of("..", "README.md");
  /** A corpus big enough for the snippets' vocabulary sizes. */
  private static final String SAMPLE = "moby-dick";
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);
  private static final Pattern IMPORT = Pattern.compile("^import [\\w.*]+;.*$", Pattern.MULTILINE);
  /** The packages a user may import: the api, the facade and the exported format packages. */
  private static final Pattern EXPORTED = Pattern.compile("import (dev\\.toksmith\\.(api\\.)?\\*|dev\\.toksmith\\.vocab\\.(terms|npy|glyphs)\\.\\w+|java\\.[\\w.]+);.*");

  @TempDir Path dir;

  @Test
  void theLibrarySnippetsCompileWithExportedPackagesAndRun() throws Exception {
    List<String> blocks = librarySnippets();
    assertTrue(blocks.size() >= 4, "the library section has its snippets: " + blocks.size());
    List<String> imports = new ArrayList<>();
    Matcher m = IMPORT.matcher(blocks.get(0));
    while (m.find()) imports.add(m.group().replaceAll(";.*", ";"));
    assertFalse(imports.isEmpty(), "the first snippet shows its imports");
    for (String i : imports) assertTrue(EXPORTED.matcher(i).matches(), "imports an exported package: " + i);

    byte[] text;
    try (InputStream in = Samples.byName(SAMPLE).open()) {
      text = in.readAllBytes();
    }
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    Files.write(corpus.resolve("a.txt"), text);
    Path partOne = Files.createDirectories(dir.resolve("part-1"));
    Path partTwo = Files.createDirectories(dir.resolve("part-2"));
    int half = text.length / 2;
    while (text[half - 1] != '\n') half++;
    Files.write(partOne.resolve("a.txt"), Arrays.copyOfRange(text, 0, half));
    Files.write(partTwo.resolve("b.txt"), Arrays.copyOfRange(text, half, text.length));
    Tokenizers.save(Tokenizers.load("gpt2"), dir.resolve("tokenizer.json"));
    Map<String, Path> files = Map.of("\"tokenizer.json\"", dir.resolve("tokenizer.json"), "\"corpus/\"", corpus, "\"part-1/\"", partOne, "\"part-2/\"", partTwo,
        "\"legal.json\"", dir.resolve("legal.json"), "\"m.model\"", dir.resolve("m.model"));

    List<JavaFileObject> sources = new ArrayList<>();
    List<String> classes = new ArrayList<>();
    for (int b = 0; b < blocks.size(); b++) {
      String body = IMPORT.matcher(blocks.get(b)).replaceAll("");
      if (body.contains("OnnxLanguageModel")) continue;
      assertFalse(body.contains("dev.toksmith.core"), "snippet " + b + " names an internal package");
      for (Map.Entry<String, Path> f : files.entrySet()) body = body.replace(f.getKey(), quoted(f.getValue()));
      String name = "ReadmeSnippet" + b;
      classes.add(name);
      sources.add(source(name, String.join("\n", imports) + "\npublic class " + name + " {\n  public static void run() throws Exception {\n" + body + "\n  }\n}\n"));
    }
    Path out = Files.createDirectories(dir.resolve("classes"));
    compile(sources, out);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader())) {
      for (String name : classes) {
        Method run = loader.loadClass(name).getMethod("run");
        run.invoke(null);
      }
    }
    // What the first snippet saved is what it trained.
    Tokenizer saved = Tokenizers.load(dir.resolve("legal.json"));
    TrainingResult again = ByteLevelBpeTrainer.builder().vocabSize(8000).build().train(Corpus.of(corpus.toString()));
    assertEquals(again.tokenizer().vocabSize(), saved.vocabSize());
    assertTrue(Files.size(dir.resolve("m.model")) > 0);
  }

  private static List<String> librarySnippets() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    int from = readme.indexOf("\n## Library\n");
    int to = readme.indexOf("\n## ", from + 1);
    assertTrue(from >= 0 && to > from, "README has a library section");
    List<String> blocks = new ArrayList<>();
    Matcher m = JAVA_BLOCK.matcher(readme.substring(from, to));
    while (m.find()) blocks.add(m.group(1));
    return blocks;
  }

  private static String quoted(Path path) {
    return "\"" + path.toString().replace("\\", "\\\\") + "\"";
  }

  private static JavaFileObject source(String name, String code) {
    return new SimpleJavaFileObject(java.net.URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return code;
      }
    };
  }

  private static void compile(List<JavaFileObject> sources, Path out) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-d", out.toString(), "-proc:none", "-Xlint:none");
      boolean ok = javac.getTask(errors, files, null, options, null, sources).call();
      assertTrue(ok, "the README's library snippets compile:\n" + errors);
    }
  }
}
