package dev.toksmith.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Fuzz test of encode's line reader on Spark: whatever bytes arrive, in whatever read sizes, it gives
 * back exactly the input's lines (joined with {@code \n}, they are the input less a final newline),
 * none longer than the limit, or it refuses the first line over the limit with one IOException that
 * names it; never another exception, a hang or more memory than the limit. The seeds in {@code
 * SplitLinesFuzzTestInputs/lines} (and every crash ever found) run in every build; {@code
 * fuzz/fuzz.sh} fuzzes it.
 */
class SplitLinesFuzzTest {
  @FuzzTest
  void lines(FuzzedDataProvider data) throws IOException {
    int maxLineBytes = 1 + data.consumeInt(0, 80);
    int seed = data.consumeInt();
    byte[] input = data.consumeRemainingAsBytes();
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    int[] longest = {0};
    try {
      SplitReader.splitLines(new ChoppyStream(input, seed), "fuzz", maxLineBytes, (bytes, from, to) -> {
        joined.write(bytes, from, to - from);
        joined.write('\n');
        longest[0] = Math.max(longest[0], to - from);
      });
    } catch (IOException e) {
      assertTrue(e.getMessage().startsWith("fuzz:") && e.getMessage().endsWith("longer than " + maxLineBytes + " bytes, the most a line can hold here"), e.getMessage());
      assertTrue(longestLine(input) > maxLineBytes, "refused although no line is over the limit");
      return;
    }
    assertTrue(longest[0] <= maxLineBytes);
    // Every line comes back with a newline after it, the last one too.
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.write(input);
    if (input.length > 0 && input[input.length - 1] != '\n') expected.write('\n');
    assertArrayEquals(expected.toByteArray(), joined.toByteArray());
  }

  private static int longestLine(byte[] input) {
    int longest = 0;
    int start = 0;
    for (int i = 0; i <= input.length; i++) {
      if (i == input.length || input[i] == '\n') {
        longest = Math.max(longest, i - start);
        start = i + 1;
      }
    }
    return longest;
  }

  /** Hands out its bytes in reads of 1 to 17 bytes, chosen from {@code seed}, to reach every buffer boundary. */
  private static final class ChoppyStream extends InputStream {
    private final byte[] bytes;
    private int seed;
    private int at;

    ChoppyStream(byte[] bytes, int seed) {
      this.bytes = bytes;
      this.seed = seed;
    }

    @Override
    public int read() {
      return at < bytes.length ? bytes[at++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (at == bytes.length) return -1;
      seed = seed * 1103515245 + 12345;
      int n = Math.min(Math.min(len, 1 + ((seed >>> 16) & 15)), bytes.length - at);
      System.arraycopy(bytes, at, b, off, n);
      at += n;
      return n;
    }
  }
}
