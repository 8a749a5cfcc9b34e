package dev.toksmith.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.toksmith.api.Tokenizer;
import dev.toksmith.cli.EncodingOptions;
import dev.toksmith.cli.TokenizerOption;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The tokenizer travels as its files, loads once per JVM, and its errors name the spec the user gave. */
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

  @Test
  void errorsNameTheSpecNotTheCopy() throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.json"), "{\"model\": ");
    ShippedTokenizer shipped = shipped("-t", bad.toString());
    IOException e = assertThrows(IOException.class, shipped::tokenizer);
    assertEquals(bad + ": not valid JSON: ", e.getMessage().substring(0, bad.toString().length() + 18));
  }

  private static ShippedTokenizer shipped(String... args) throws IOException {
    TokenizerOption tokenizer = new TokenizerOption();
    EncodingOptions encoding = new EncodingOptions();
    CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.create();
    spec.addMixin("tokenizer", CommandLine.Model.CommandSpec.forAnnotatedObject(tokenizer));
    spec.addMixin("encoding", CommandLine.Model.CommandSpec.forAnnotatedObject(encoding));
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
