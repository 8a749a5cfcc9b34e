package dev.toksmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.cli.CliTest.Result;
import dev.toksmith.samples.Samples;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every write is checked: standard output that fails (a full disk, {@code > /dev/full}, a closed pipe)
 * ends every command with exit status 1 and one line on standard error saying what failed, however far
 * the output got; so does a failing standard error.
 */
class FailedWritesCliTest {
  private static final String NO_SPACE = "No space left on device";
  private static final String STDOUT_FAILED = "toksmith: cannot write to standard output (" + NO_SPACE + ")\n";

  @TempDir static Path dir;
  static Path text;
  static Path ids;
  static Path model;
  static Path shortText;

  @BeforeAll
  static void files() throws Exception {
    text = Files.writeString(dir.resolve("text.txt"), Samples.byName("us-constitution").text());
    shortText = Files.writeString(dir.resolve("short.txt"), Samples.byName("us-constitution").text().substring(0, 300));
    Result encoded = CliTest.run("encode", "-t", "gpt2", text.toString());
    ids = Files.write(dir.resolve("ids.txt"), encoded.out());
    // A small vocabulary: the exact byte-level method costs time with every vocabulary entry.
    Path tokenizer = dir.resolve("small.json");
    Result trained = CliTest.run("train", "--vocab-size", "300", "-o", tokenizer.toString(), text.toString());
    assertEquals(0, trained.code(), trained.err());
    model = dir.resolve("m.lm");
    Result lm = CliTest.run("lm", "train", "-t", tokenizer.toString(), "--order", "2", "-o", model.toString(), text.toString());
    assertEquals(0, lm.code(), lm.err());
  }

  /** Standard output that takes {@code capacity} bytes, then fails as a full disk does. */
  static final class FullDisk extends OutputStream {
    private final int capacity;
    final ByteArrayOutputStream written = new ByteArrayOutputStream();

    FullDisk(int capacity) {
      this.capacity = capacity;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      int room = capacity - written.size();
      written.write(b, off, Math.min(room, len));
      if (len > room) throw new IOException(NO_SPACE);
    }
  }

  private static Result run(OutputStream out, OutputStream err, byte[] stdin, String... args) {
    int code = Main.run(new Main.Streams(new ByteArrayInputStream(stdin), out, err, false), args);
    return new Result(code, new byte[0], err.toString());
  }

  static Stream<List<String>> commands() {
    return Stream.of(
        List.of("encode", "-t", "gpt2", "TEXT"),
        List.of("encode", "-t", "gpt2", "--threads", "1", "TEXT"),
        List.of("encode", "-t", "gpt2", "--format", "jsonl", "TEXT"),
        List.of("decode", "-t", "gpt2", "IDS"),
        List.of("decode", "-t", "gpt2", "--stream"),
        List.of("compare", "-t", "gpt2", "TEXT"),
        List.of("inspect", "-t", "gpt2"),
        List.of("merge", "-t", "gpt2", "--batch-size", "8", "--merges", "4", "TEXT"),
        List.of("lm", "next", "-m", "MODEL", "--prompt", "the Uni"),
        List.of("lm", "score", "-m", "MODEL", "SHORT"),
        List.of("lm", "complete", "-m", "MODEL", "--prompt", "the Uni", "--max-bytes", "8"),
        List.of("encode", "-t", "word-pooled:bytes", "--max-units", "8", "TEXT"),
        List.of("--help"),
        List.of("encode", "--help"),
        List.of("--version"));
  }

  private static String[] args(List<String> command) {
    return command.stream().map(a -> switch (a) {
      case "TEXT" -> text.toString();
      case "IDS" -> ids.toString();
      case "MODEL" -> model.toString();
      case "SHORT" -> shortText.toString();
      default -> a;
    }).toArray(String[]::new);
  }

  @ParameterizedTest
  @MethodSource("commands")
  void aFullDiskOnStandardOutputIsExitOneWithOneLine(List<String> command) throws Exception {
    byte[] stdin = command.contains("--stream") ? Files.readAllBytes(ids) : new byte[0];
    FullDisk roomy = new FullDisk(Integer.MAX_VALUE);
    Result whole = run(roomy, new ByteArrayOutputStream(), stdin, args(command));
    assertEquals(0, whole.code(), whole.err());
    int size = roomy.written.size();
    assertTrue(size > 1, command + " writes something");
    for (int capacity : new int[] {0, size / 2, size - 1}) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      FullDisk out = new FullDisk(capacity);
      Result r = run(out, err, stdin, args(command));
      assertEquals(1, r.code(), command + " with room for " + capacity + " of " + size + " bytes: " + r.err());
      assertEquals(STDOUT_FAILED, r.err(), command + " with room for " + capacity + " of " + size + " bytes");
    }
  }

  /** The case: 782,822 lines into a small file system wrote some and said nothing. */
  @Test
  void encodingManyLinesOnAnyNumberOfThreadsStopsAtTheFirstFailedWrite() {
    byte[] lines = "a line of text\n".repeat(100_000).getBytes(StandardCharsets.UTF_8);
    for (String threads : new String[] {"1", "4"}) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      FullDisk out = new FullDisk(1 << 16);
      Result r = run(out, err, lines, "encode", "-t", "gpt2", "--threads", threads);
      assertEquals(1, r.code(), r.err());
      assertEquals(STDOUT_FAILED, r.err());
      assertEquals(1 << 16, out.written.size(), "what fitted was written");
    }
  }

  @Test
  void aFailingStandardErrorIsExitOneToo() {
    // The error itself cannot be shown, but the status still says the run failed.
    Result r = run(new ByteArrayOutputStream(), new FullDisk(0), new byte[0], "encode", "-t", "no-such-tokenizer");
    assertEquals(1, r.code());
  }

  /** train writes its summary once the tokenizer is written: a failure there still ends in exit 1. */
  @Test
  void summaryLinesOfFileWritingCommandsAreCheckedToo() {
    Path out = dir.resolve("t.json");
    Result r = run(new FullDisk(0), new FullDisk(0), new byte[0], "train", "--vocab-size", "300", "-o", out.toString(), text.toString());
    assertEquals(1, r.code());
    assertTrue(Files.exists(out), "the tokenizer itself was written before the summary");
  }
}
