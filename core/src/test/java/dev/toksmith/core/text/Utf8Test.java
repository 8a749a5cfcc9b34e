package dev.toksmith.core.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8Test {
  private static String randomText(Random random, int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      switch (random.nextInt(6)) {
        case 0 -> sb.append((char) random.nextInt(0x80));
        case 1 -> sb.append((char) (0x80 + random.nextInt(0x780)));
        case 2 -> sb.append((char) (0x800 + random.nextInt(0xD000)));
        case 3 -> sb.appendCodePoint(0x10000 + random.nextInt(0x100000));
        case 4 -> sb.append((char) (0xD800 + random.nextInt(0x800))); // often unpaired
        default -> sb.append((char) (0xE000 + random.nextInt(0x2000)));
      }
    }
    return sb.toString();
  }

  @Test
  void validTextEncodesAsUtf8() {
    Random random = new Random(1);
    for (int i = 0; i < 2000; i++) {
      String s = randomText(random, random.nextInt(30)).replaceAll("[\\uD800-\\uDFFF]", "x");
      assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), Utf8.encode(s));
    }
  }

  @Test
  void everyStringRoundTripsThroughWtf8() {
    Random random = new Random(2);
    for (int i = 0; i < 5000; i++) {
      String s = randomText(random, random.nextInt(30));
      assertEquals(s, Utf8.decode(Utf8.encode(s)));
    }
    assertArrayEquals(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, Utf8.encode("\uD800"));
  }

  @Test
  void anArrayRangeEncodesAsItsString() {
    Random random = new Random(3);
    for (int i = 0; i < 5000; i++) {
      String s = randomText(random, random.nextInt(30));
      int from = s.isEmpty() ? 0 : random.nextInt(s.length());
      int to = from + random.nextInt(s.length() - from + 1);
      byte[] out = new byte[3 + Utf8.maxBytes(s.length())];
      int end = Utf8.encode(("<<" + s).toCharArray(), from + 2, to + 2, out, 3);
      // A pair cut by the range's end is an unpaired surrogate, as the string's range encodes it.
      assertArrayEquals(Utf8.encode(s.substring(from, to)), Arrays.copyOfRange(out, 3, end), s);
    }
  }

  @Test
  void lossyDecodingMatchesTheJdkOnInputWithoutSurrogateBytes() {
    // The JDK replaces maximal invalid subparts as Rust's from_utf8_lossy does; only WTF-8
    // surrogates (ED A0..BF), which toksmith decodes back to surrogates, differ.
    Random random = new Random(3);
    for (int i = 0; i < 20_000; i++) {
      byte[] bytes = new byte[random.nextInt(12)];
      for (int k = 0; k < bytes.length; k++) {
        bytes[k] = (byte) (random.nextBoolean() ? 0x80 + random.nextInt(0x80) : random.nextInt(256));
      }
      boolean surrogateBytes = false;
      for (int k = 0; k + 1 < bytes.length; k++) surrogateBytes |= (bytes[k] & 0xFF) == 0xED && (bytes[k + 1] & 0xFF) >= 0xA0;
      if (surrogateBytes) continue;
      assertEquals(new String(bytes, StandardCharsets.UTF_8), Utf8.decode(bytes), Arrays.toString(bytes));
    }
  }

  @Test
  void escapedDecodingKeepsEveryByte() {
    Random random = new Random(4);
    for (int i = 0; i < 20_000; i++) {
      byte[] bytes = new byte[random.nextInt(16)];
      random.nextBytes(bytes);
      String text = Utf8.decodeEscaped(bytes, 0, bytes.length);
      byte[] back = new byte[Utf8.maxBytes(text.length())];
      int n = Utf8.encode(text, 0, text.length(), true, back, 0, null);
      assertArrayEquals(bytes, Arrays.copyOf(back, n));
      // Valid UTF-8 never decodes to an unpaired surrogate, so escapes appear exactly for invalid input.
      assertEquals(Utf8.isValid(bytes), text.codePoints().noneMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF));
    }
  }

  @Test
  void settledPrefixSplitsOnlyWhereDecodingAgrees() {
    Random random = new Random(5);
    for (int i = 0; i < 20_000; i++) {
      byte[] bytes = Utf8.encode(randomText(random, 1 + random.nextInt(6)));
      int cut = random.nextInt(bytes.length + 1);
      byte[] head = Arrays.copyOf(bytes, cut);
      int settled = Utf8.settledPrefix(head, 0, head.length);
      // At most a lone high surrogate (3 bytes) and the start of what follows (2) are held back.
      assertTrue(settled >= cut - 5 && settled <= cut);
      assertEquals(Utf8.decode(bytes), Utf8.decode(bytes, 0, settled) + Utf8.decode(bytes, settled, bytes.length));
    }
    assertFalse(Utf8.isValid(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}));
  }

  private static final byte[][] UNITS = {
    {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xED, (byte) 0xAF, (byte) 0xBF}, // high surrogates
    {(byte) 0xED, (byte) 0xB0, (byte) 0x80}, {(byte) 0xED, (byte) 0xBF, (byte) 0xBF}, // low surrogates
    {'A'}, {(byte) 0xC3, (byte) 0xA9}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80},
    {(byte) 0x80}, {(byte) 0xED}, {(byte) 0xF0, (byte) 0x9F}, {(byte) 0xE4, (byte) 0xB8},
  };

  private static boolean isHigh(int unit) {
    return unit == 0 || unit == 1;
  }

  private static boolean isLow(int unit) {
    return unit == 2 || unit == 3;
  }

  /**
   * Surrogates' WTF-8 decodes to the surrogate when unpaired; a high one directly followed by a low
   * one is invalid, and everything else decodes as the JDK (maximal subparts, as Rust) decodes it.
   * Cutting anywhere and decoding the settled prefix and the rest apart gives the same text.
   */
  @Test
  void onlyUnpairedSurrogatesDecode() {
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      int[] units = random.ints(random.nextInt(7), 0, UNITS.length).toArray();
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      java.io.ByteArrayOutputStream run = new java.io.ByteArrayOutputStream();
      StringBuilder expected = new StringBuilder();
      for (int k = 0; k < units.length; k++) {
        int u = units[k];
        bytes.writeBytes(UNITS[u]);
        boolean paired = isHigh(u) && k + 1 < units.length && isLow(units[k + 1]) || isLow(u) && k > 0 && isHigh(units[k - 1]);
        if (isHigh(u) || isLow(u)) {
          expected.append(new String(run.toByteArray(), StandardCharsets.UTF_8));
          run.reset();
          // Paired, its three bytes are three maximal subparts (ED must be followed by 80..9F in
          // UTF-8), as in Rust; the JDK would replace them with one U+FFFD.
          if (paired) expected.append("\uFFFD\uFFFD\uFFFD");
          else expected.append((char) (0xD000 | (UNITS[u][1] & 0x3F) << 6 | UNITS[u][2] & 0x3F));
        } else {
          run.writeBytes(UNITS[u]);
        }
      }
      expected.append(new String(run.toByteArray(), StandardCharsets.UTF_8));
      byte[] all = bytes.toByteArray();
      assertEquals(expected.toString(), Utf8.decode(all), Arrays.toString(units));
      for (int cut = 0; cut <= all.length; cut++) {
        int settled = Utf8.settledPrefix(all, 0, cut);
        assertEquals(expected.toString(), Utf8.decode(all, 0, settled) + Utf8.decode(all, settled, all.length), Arrays.toString(units) + " cut at " + cut);
      }
    }
    assertEquals("\uFFFD".repeat(6), Utf8.decode(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xED, (byte) 0xB0, (byte) 0x80}));
  }

  @Test
  void charStartsPointEveryByteAtItsCharacter() {
    String s = "aé€😀\uD800b";
    byte[] out = new byte[Utf8.maxBytes(s.length())];
    int[] starts = new int[out.length];
    int n = Utf8.encode(s, 0, s.length(), false, out, 0, starts);
    assertEquals(1 + 2 + 3 + 4 + 3 + 1, n);
    assertArrayEquals(new int[] {0, 1, 1, 2, 2, 2, 3, 3, 3, 3, 5, 5, 5, 6}, Arrays.copyOf(starts, n));
  }

  @Test
  void showTokensKeepsWholeCharactersAndEscapesSplitOnes() {
    // "a§b€" is 61 | C2 A7 | 62 | E2 82 AC; cut after C2 and after E2 82, then one invalid FF.
    byte[][] tokens = {{0x61, (byte) 0xC2}, {(byte) 0xA7, 0x62, (byte) 0xE2, (byte) 0x82}, {(byte) 0xAC}, {(byte) 0xFF, 0x63}};
    assertEquals(java.util.List.of("a\\xc2", "\\xa7b\\xe2\\x82", "\\xac", "\\xffc"), Utf8.showTokens(tokens.length, i -> tokens[i]));
    byte[][] whole = {"d\u00e9".getBytes(StandardCharsets.UTF_8), "\uD83D\uDE00".getBytes(StandardCharsets.UTF_8)};
    assertEquals(java.util.List.of("d\u00e9", "\uD83D\uDE00"), Utf8.showTokens(whole.length, i -> whole[i]));
  }

  /** chars * 3 once overflowed past 716 M chars and sized a buffer of a few bytes (train's "Index 192 out of bounds for length 192"). */
  @Test
  void maxBytesRefusesWhatWouldOverflow() {
    assertEquals(3L * Utf8.MAX_ENCODED_CHARS, Utf8.maxBytes(Utf8.MAX_ENCODED_CHARS));
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Utf8.maxBytes(Utf8.MAX_ENCODED_CHARS + 1));
    assertEquals("a text of 715827880 UTF-16 units is too long to encode at once (at most 715827879)", e.getMessage());
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Utf8.maxBytes(716_000_000));
  }

  /** Excerpts of input in messages: cut to about 100 characters, every control character escaped. */
  @Test
  void excerptsAreShortAndPrintable() {
    assertEquals("\"a\\\"b\\x1b[2J\\x00\\n\\u0085\"", Excerpt.quote("a\"b\u001b[2J\u0000\n\u0085"));
    String longText = "x".repeat(250);
    assertEquals("x".repeat(100) + "... (150 more characters)", Excerpt.of(longText));
    assertEquals("ab\\xff\\xc3\u00e9", Excerpt.ofBytes(new byte[] {'a', 'b', (byte) 0xFF, (byte) 0xC3, (byte) 0xC3, (byte) 0xA9}, 0, 6));
    assertEquals("\\ud800x", Excerpt.of("\uD800x"));
  }
}
