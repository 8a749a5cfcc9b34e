package dev.toksmith.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's batching, ordering and errors, with tiny batches so that lines straddle batches and
 * outgrow them, against the same job applied to lines split the plain way.
 */
class LinePipelineTest {
  /** Writes each line reversed, then its length; a line holding "BAD" is an error. */
  private static final LinePipeline.LineJob REVERSE = (bytes, from, to, out) -> {
    for (int i = to - 1; i >= from; i--) out.write(bytes[i]);
    out.write(':');
    out.writeInt(to - from);
    if (new String(bytes, from, to - from, StandardCharsets.ISO_8859_1).contains("BAD")) throw new LinePipeline.BadLineException("bad line");
  };

  /** The job's output done line by line on a plain split; {@code endEveryLine} as in the pipeline. */
  private static String expected(String input, boolean endEveryLine) {
    StringBuilder out = new StringBuilder();
    List<String> lines = new ArrayList<>(List.of(input.split("\n", -1)));
    boolean lastEnded = lines.get(lines.size() - 1).isEmpty();
    lines.remove(lines.size() - 1);
    if (!lastEnded) lines.add(input.substring(input.lastIndexOf('\n') + 1));
    for (int i = 0; i < lines.size(); i++) {
      out.append(new StringBuilder(lines.get(i)).reverse()).append(':').append(lines.get(i).length());
      if (i < lines.size() - 1 || lastEnded || endEveryLine) out.append('\n');
    }
    return out.toString();
  }

  private static String run(String input, int threads, int batchBytes, boolean endEveryLine) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (LinePipeline pipeline = new LinePipeline(threads, batchBytes, endEveryLine, REVERSE)) {
      long read = pipeline.run(new ByteArrayInputStream(input.getBytes(StandardCharsets.ISO_8859_1)), "in", out, n -> {});
      assertEquals(input.length(), read);
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  /** Random lines: empty ones, \r inside, and some far longer than a batch. */
  private static String randomInput(Random random, int lines) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      int length = random.nextInt(10) == 0 ? random.nextInt(300) : random.nextInt(12);
      for (int k = 0; k < length; k++) s.append("abc\rxyz0123456789".charAt(random.nextInt(17)));
      s.append('\n');
    }
    return s.toString();
  }

  @Test
  void outputIsTheLinesInOrderWhateverTheThreadsAndBatches() throws IOException {
    Random random = new Random(4);
    for (int round = 0; round < 20; round++) {
      String input = randomInput(random, random.nextInt(400));
      if (random.nextBoolean()) input += "last line without newline";
      for (boolean endEveryLine : new boolean[] {false, true}) {
        String expected = input.isEmpty() ? "" : expected(input, endEveryLine);
        for (int threads : new int[] {1, 2, 4}) {
          for (int batchBytes : new int[] {1, 7, 64, 1 << 18}) {
            assertEquals(expected, run(input, threads, batchBytes, endEveryLine), "threads " + threads + ", batches of " + batchBytes);
          }
        }
      }
    }
  }

  @Test
  void edgeCasesOfLineEnds() throws IOException {
    assertEquals("", run("", 2, 4, false));
    assertEquals(":0\n", run("\n", 2, 4, false));
    assertEquals(":0\n:0\n", run("\n\n", 2, 1, false));
    assertEquals("cba:3", run("abc", 2, 1, false));
    assertEquals("cba:3\n", run("abc", 2, 1, true));
    assertEquals("\rba:3\n", run("ab\r\n", 3, 2, false));
  }

  @Test
  void aBadLineWritesTheLinesBeforeItAndNamesItsNumber() throws IOException {
    String input = randomInput(new Random(7), 500).replace("\r", "");
    int bad = 321;
    String[] lines = input.split("\n", -1);
    lines[bad - 1] = "xxBADxx";
    String withBad = String.join("\n", lines);
    String before = expected(String.join("\n", List.of(lines).subList(0, bad - 1)) + "\n", false);
    for (int threads : new int[] {1, 2, 4}) {
      for (int batchBytes : new int[] {1, 13, 1 << 18}) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (LinePipeline pipeline = new LinePipeline(threads, batchBytes, false, REVERSE)) {
          IOException e = assertThrows(IOException.class, () -> pipeline.run(new ByteArrayInputStream(withBad.getBytes(StandardCharsets.ISO_8859_1)), "in", out, n -> {}));
          assertEquals("in:" + bad + ": bad line", e.getMessage());
        }
        assertArrayEquals(before.getBytes(StandardCharsets.ISO_8859_1), out.toByteArray(), "threads " + threads + ", batches of " + batchBytes);
      }
    }
  }

  /** REVERSE, taking lines longer than the threshold in parts: the same output, written as they are read. */
  private static final class StreamingReverse implements LinePipeline.StreamingLineJob {
    final List<Integer> streamedLengths = new ArrayList<>();

    @Override
    public void run(byte[] bytes, int from, int to, ByteSink out) throws LinePipeline.BadLineException {
      REVERSE.run(bytes, from, to, out);
    }

    @Override
    public boolean streams() {
      return true;
    }

    @Override
    public void runStreaming(java.io.InputStream line, java.io.OutputStream out) throws LinePipeline.BadLineException, IOException {
      byte[] all = line.readAllBytes();
      streamedLengths.add(all.length);
      ByteSink sink = new ByteSink(all.length + 8);
      REVERSE.run(all, 0, all.length, sink);
      sink.writeTo(out, sink.size());
    }
  }

  private static String run(String input, int threads, LinePipeline.LineJob job, int streamedLineBytes, int maxLineBytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (LinePipeline pipeline = new LinePipeline(threads, 4, streamedLineBytes, maxLineBytes, false, job)) {
      long read = pipeline.run(new ByteArrayInputStream(input.getBytes(StandardCharsets.ISO_8859_1)), "in", out, n -> {});
      assertEquals(input.length(), read);
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  /** Long lines go to the job in parts, in their place among the others, whatever the threads. */
  @Test
  void longLinesAreStreamedInOrder() throws IOException {
    Random random = new Random(11);
    for (int round = 0; round < 10; round++) {
      String input = randomInput(random, 200) + (round % 2 == 0 ? "a last long line without newline ".repeat(3) : "");
      for (int threads : new int[] {1, 3}) {
        StreamingReverse job = new StreamingReverse();
        assertEquals(expected(input, false), run(input, threads, job, 32, 64), "threads " + threads);
        int longest = input.lines().mapToInt(String::length).max().orElse(0);
        if (longest >= 64) assertTrue(!job.streamedLengths.isEmpty(), "lines of up to " + longest + " bytes");
        for (int length : job.streamedLengths) assertTrue(length >= 32, "only lines past the threshold stream: " + length);
      }
    }
  }

  /** A job that cannot stream holds lines up to the limit, and refuses a longer one by its number. */
  @Test
  void aLineLongerThanTheLimitIsRefusedByNumber() throws IOException {
    String fits = "x".repeat(64);
    assertEquals(expected("ab\n" + fits + "\ncd\n", false), run("ab\n" + fits + "\ncd\n", 2, REVERSE, 32, 64));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String input = "ab\ncd\n" + "x".repeat(65) + "\nef\n";
    try (LinePipeline pipeline = new LinePipeline(2, 4, 32, 64, false, REVERSE)) {
      IOException e = assertThrows(IOException.class, () -> pipeline.run(new ByteArrayInputStream(input.getBytes(StandardCharsets.ISO_8859_1)), "in", out, n -> {}));
      assertEquals("in:3: longer than 64 bytes, the most a line can hold here", e.getMessage());
    }
    assertEquals("ba:2\ndc:2\n", out.toString(StandardCharsets.ISO_8859_1));
  }
}
