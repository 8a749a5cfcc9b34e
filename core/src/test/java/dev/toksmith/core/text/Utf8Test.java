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
      assertTrue(settled >= cut - 3 && settled <= cut);
      assertEquals(Utf8.decode(bytes), Utf8.decode(bytes, 0, settled) + Utf8.decode(bytes, settled, bytes.length));
    }
    assertFalse(Utf8.isValid(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}));
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
}
