package dev.toksmith.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.Tokenizers;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.cli.EncodingOptions;
import dev.toksmith.cli.TokenizerOption;
import dev.toksmith.vocab.io.Signals;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The tokenizer travels as its files, loads once per JVM, leaves no copy behind, and its errors name the spec the user gave. */
class ShippedTokenizerTest {
  @TempDir Path dir;

  @Test
  void aShippedCopyLoadsOncePerJvm() throws Exception {
    Path file = dir.resolve("llama2.json");
    try (InputStream in = ShippedTokenizerTest.class.getResourceAsStream("/families/llama2.json")) {
      Files.write(file, in.readAllBytes());
    }
    ShippedTokenizer shipped = shipped("-t", file.toString());
    Tokenizer first = shipped.tokenizer();
    ShippedTokenizer copy = roundTrip(shipped);
    Files.delete(file); // an executor has no such file: the copy carries it
    assertSame(first, copy.tokenizer(), "one tokenizer per JVM");
    assertArrayEquals(first.encodeIds("Hello, world"), copy.tokenizer().encodeIds("Hello, world"));
    assertNotSame(first, shipped("-t", "gpt2").tokenizer());
    Tokenizer truncated = shipped("-t", "gpt2", "--max-length", "2").tokenizer();
    assertEquals(2, truncated.encodeIds("one two three four").length, "encoding options make another tokenizer");
  }

  @Test
  void aRankFileTravelsWithThePatternItsSpecCarries() throws Exception {
    Path ranks = dir.resolve("r50k.tiktoken");
    try (InputStream in = dev.toksmith.vocab.tiktoken.TiktokenEncodings.class.getResourceAsStream("r50k_base.tiktoken")) {
      Files.write(ranks, in.readAllBytes());
    }
    ShippedTokenizer copy = roundTrip(shipped("-t", ranks + "#pattern=r50k_base"));
    Files.delete(ranks); // loaded only now, from the bytes the copy carries
    assertArrayEquals(shipped("-t", "r50k_base").tokenizer().encodeIds("Hello, world! 法院"), copy.tokenizer().encodeIds("Hello, world! 法院"));
  }

  /** The spec is read as the library reads it (TokenizerSpec): an existing path wins over the #pattern= form. */
  @Test
  void anExistingFileWithThePatternMarkInItsNameTravelsWhole() throws Exception {
    Path file = dir.resolve("gpt2#pattern=cl100k_base.json");
    Tokenizers.save(Tokenizers.load("gpt2"), file);
    ShippedTokenizer copy = roundTrip(shipped("-t", file.toString()));
    Files.delete(file); // loaded only now, from the bytes the copy carries
    assertArrayEquals(Tokenizers.load("gpt2").encodeIds("Hello, world! 法院"), copy.tokenizer().encodeIds("Hello, world! 法院"));
  }

  @Test
  void errorsNameTheSpecNotTheCopy() throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.json"), "{\"model\": ");
    ShippedTokenizer shipped = shipped("-t", bad.toString());
    IOException e = assertThrows(IOException.class, shipped::tokenizer);
    assertEquals(bad + ": not valid JSON: ", e.getMessage().substring(0, bad.toString().length() + 18));
  }

  /** The copy is a temporary output of the command line's: a JVM stopped by SIGTERM or SIGINT while loading it leaves no copy behind. */
  @ParameterizedTest
  @ValueSource(strings = {"TERM", "INT"})
  void aStoppedExecutorLeavesNoCopy(String signal) throws Exception {
    Assumptions.assumeFalse(signal.equals("INT") && Signals.ignored(Signals.SIGINT), "SIGINT is ignored here (a build started in the background), and so in the JVM it would stop");
    Path file = dir.resolve("llama2.json");
    try (InputStream in = ShippedTokenizerTest.class.getResourceAsStream("/families/llama2.json")) {
      Files.write(file, in.readAllBytes());
    }
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(java.toString(), "-Xmx256m", "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"), Loading.class.getName(),
        file.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (copies(tmp).isEmpty() && System.nanoTime() < deadline) Thread.sleep(2);
      assertEquals(1, copies(tmp).size(), "a copy is being loaded");
      assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor());
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the JVM stops");
    } finally {
      p.destroyForcibly();
    }
    assertEquals(List.of(), copies(tmp));
  }

  private static List<Path> copies(Path tmp) throws IOException {
    try (Stream<Path> files = Files.list(tmp)) {
      return files.filter(f -> f.getFileName().toString().startsWith(".toksmith-tokenizer.")).toList();
    }
  }

  /** An executor that loads a shipped tokenizer again and again (other encoding options each time), until it is stopped. */
  static final class Loading {
    public static void main(String[] args) throws Exception {
      for (int length = 1; ; length++) roundTrip(shipped("-t", args[0], "--max-length", Integer.toString(length))).tokenizer();
    }
  }

  private static ShippedTokenizer shipped(String... args) throws IOException {
    TokenizerOption tokenizer = new TokenizerOption();
    EncodingOptions encoding = new EncodingOptions();
    CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.create();
    spec.addMixin("tokenizer", tokenizer.mixin());
    spec.addMixin("encoding", encoding.mixin());
    new CommandLine(spec).parseArgs(args);
    return ShippedTokenizer.of(tokenizer, encoding, new Configuration());
  }

  private static ShippedTokenizer roundTrip(ShippedTokenizer shipped) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(shipped);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (ShippedTokenizer) in.readObject();
    }
  }
}
