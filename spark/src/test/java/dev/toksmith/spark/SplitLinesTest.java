package dev.toksmith.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** encode's lines: cut at \n only, and a line longer than the limit is one clear error, never a hang or an overflow. */
class SplitLinesTest {
  @Test
  void linesAreCutAtNewlinesOnly() throws IOException {
    assertEquals(List.of("a", "b\r", "", "c\rd", "last"), lines("a\nb\r\n\nc\rd\nlast", 100));
    assertEquals(List.of("x"), lines("x\n", 100));
  }

  @Test
  void aLineUpToTheLimitIsTakenAndALongerOneRefused() throws IOException {
    String full = "y".repeat(70_000);
    assertEquals(List.of("short", full, "after"), lines("short\n" + full + "\nafter\n", full.length()));
    assertEquals(List.of(full), lines(full, full.length()), "without a final newline");
    IOException e = assertThrows(IOException.class, () -> lines("short\n" + full + "y\nafter\n", full.length()));
    assertEquals("big.txt (bytes 0-100):2: longer than 70000 bytes, the most a line can hold here", e.getMessage());
    assertThrows(IOException.class, () -> lines(full + "y", full.length()));
  }

  /** Bytes without end and without a newline: refused once the limit is read, with memory bounded by it. */
  @Test
  void anEndlessLineIsRefusedPromptly() {
    InputStream endless = new InputStream() {
      @Override
      public int read() {
        return 'z';
      }

      @Override
      public int read(byte[] b, int off, int len) {
        Arrays.fill(b, off, off + len, (byte) 'z');
        return len;
      }
    };
    IOException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> assertThrows(IOException.class, () -> SplitReader.splitLines(endless, "endless", 1 << 24, (bytes, from, to) -> {})));
    assertEquals("endless:1: longer than 16777216 bytes, the most a line can hold here", e.getMessage());
  }

  private static List<String> lines(String text, int maxLineBytes) throws IOException {
    List<String> lines = new ArrayList<>();
    SplitReader.splitLines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "big.txt (bytes 0-100)", maxLineBytes,
        (bytes, from, to) -> lines.add(new String(bytes, from, to - from, StandardCharsets.UTF_8)));
    return lines;
  }
}
