package dev.toksmith.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.Tokenizers;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.cli.CliTest.Result;
import dev.toksmith.samples.Samples;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs that are pipes (a FIFO, as process substitution {@code <(zcat x.gz)} gives) work for train
 * and compare, their format found by peeking, not seeking; and a line longer than a batch holds is
 * encoded and decoded in parts, with the output of encoding it whole.
 */
class PipesAndLongLinesCliTest {
  @TempDir Path dir;

  /** A FIFO that a thread fills with {@code content}, once, as a shell pipe would. */
  private Path fifo(String name, byte[] content) throws Exception {
    Path fifo = dir.resolve(name);
    Process mkfifo;
    try {
      mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    } catch (IOException e) {
      Assumptions.abort("no mkfifo here: " + e.getMessage());
      return null;
    }
    Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed");
    Thread writer = new Thread(() -> {
      try (OutputStream out = Files.newOutputStream(fifo)) {
        out.write(content);
      } catch (IOException e) {
        // The reader went away: the test fails on its own.
      }
    });
    writer.setDaemon(true);
    writer.start();
    return fifo;
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  @Test
  void trainAndCompareReadPipes() throws Exception {
    String text = Samples.byName("us-constitution").text();
    Path tokenizer = dir.resolve("t.json");
    Result train = CliTest.run("train", "--vocab-size", "300", "-o", tokenizer.toString(), fifo("train-input", gzip(text)).toString());
    assertEquals(0, train.code(), train.err());
    // The summary, on whichever stream train gives it.
    assertTrue((train.outText() + train.err()).contains("trained 300 tokens"), train.outText() + train.err());

    Path plain = Files.writeString(dir.resolve("plain.txt"), text);
    Result fromFile = CliTest.run("compare", "-t", "gpt2", "--format", "csv", plain.toString());
    Result fromPipe = CliTest.run("compare", "-t", "gpt2", "--format", "csv", fifo("compare-input", gzip(text)).toString());
    assertEquals(0, fromPipe.code(), fromPipe.err());
    // The same counts; only the dataset's name differs.
    assertEquals(fromFile.outText().replace(plain.toString(), "D"), fromPipe.outText().replace(dir.resolve("compare-input").toString(), "D"));
  }

  /**
   * A 5 MiB line (longer than the 4 MiB a batch takes) is encoded window by window and decoded in
   * parts: the ids of encoding it whole, and the line back byte for byte.
   */
  @Test
  void aLineLongerThanABatchIsEncodedAndDecodedInParts() throws IOException {
    StringBuilder line = new StringBuilder();
    String sample = Samples.byName("udhr-deu").text().replace('\n', ' ') + " \u00ff\uD83D\uDE00 ";
    while (line.length() < LinePipeline.STREAMED_LINE_BYTES + (1 << 20)) line.append(sample);
    byte[] bytes = (line + "\nshort line\n").getBytes(StandardCharsets.UTF_8);
    bytes[1000] = (byte) 0xFF;
    Path input = Files.write(dir.resolve("long.txt"), bytes);
    for (String spec : new String[] {"o200k_base", "gpt2"}) {
      Result ids = CliTest.run("encode", "-t", spec, input.toString());
      assertEquals(0, ids.code(), ids.err());
      String[] lines = ids.outText().split("\n", -1);
      assertEquals(3, lines.length, "two lines and the final newline");
      Tokenizer tok = Tokenizers.load(spec);
      byte[] first = Arrays.copyOf(bytes, bytes.length - "\nshort line\n".length());
      assertEquals(Arrays.stream(tok.encodeBytes(first)).mapToObj(Integer::toString).collect(Collectors.joining(" ")), lines[0], spec);
      Result back = CliTest.run(ids.out(), "decode", "-t", spec);
      assertEquals(0, back.code(), back.err());
      assertArrayEquals(bytes, back.out(), spec);
    }
  }

  /**
   * {@code decode --stream} of ids whose bytes never make a character (a lead byte again and again)
   * writes one U+FFFD each, in time linear in their number: it no longer decodes the held window again
   * at every id.
   */
  @Test
  @org.junit.jupiter.api.Timeout(120)
  void aStreamOfBytesThatNeverMakeACharacterTakesLinearTime() throws IOException {
    Tokenizer gpt2 = Tokenizers.load("gpt2");
    int leadByte = gpt2.tokenToId("\u00f0").orElseThrow();
    int count = 200_000;
    byte[] ids = (String.join(" ", java.util.Collections.nCopies(count, Integer.toString(leadByte))) + "\n").getBytes(StandardCharsets.UTF_8);
    Result r = CliTest.run(ids, "decode", "-t", "gpt2", "--stream");
    assertEquals(0, r.code(), r.err());
    assertEquals("\uFFFD".repeat(count), r.outText());
  }
}
