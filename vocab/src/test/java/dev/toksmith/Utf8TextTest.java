package dev.toksmith;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Utf8Text against the Unicode Standard's own example and the JDK's UTF-8 decoder. */
class Utf8TextTest {
  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) out[i] = (byte) values[i];
    return out;
  }

  @Test
  void maximalSubpartsAsTheUnicodeStandardReplacesThem() {
    // The Unicode Standard, chapter 3, "U+FFFD Substitution of Maximal Subparts" (Table 3-8's example).
    byte[] b = bytes(0x61, 0xF1, 0x80, 0x80, 0xE1, 0x80, 0xC2, 0x62, 0x80, 0x63, 0x80, 0xBF, 0x64);
    assertEquals("a\uFFFD\uFFFD\uFFFDb\uFFFDc\uFFFD\uFFFDd", Utf8Text.decode(b, 0, b.length));
  }

  @Test
  void decodesAsTheJdkDoesWhereNoSurrogateIsEncoded() {
    // The JDK's decoder replaces maximal subparts too; the two differ only on ED A0..BF (WTF-8 surrogates).
    Random random = new Random(7);
    for (int round = 0; round < 20_000; round++) {
      byte[] b = new byte[random.nextInt(12)];
      for (int i = 0; i < b.length; i++) {
        int v = random.nextInt(4) == 0 ? random.nextInt(0x80) : 0x80 + random.nextInt(0x80);
        b[i] = (byte) (v == 0xED ? 0xEE : v);
      }
      assertEquals(new String(b, StandardCharsets.UTF_8), Utf8Text.decode(b, 0, b.length));
    }
  }

  @Test
  void aSettledPrefixDecodesApartAsTogether() {
    Random random = new Random(11);
    String[] pieces = {"a", "é", "€", "😀", "\uD800", "\uDC00"};
    for (int round = 0; round < 5_000; round++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(6); i > 0; i--) text.append(pieces[random.nextInt(pieces.length)]);
      byte[] b = Utf8Text.encode(text);
      if (random.nextBoolean() && b.length > 0) b[random.nextInt(b.length)] = (byte) (0x80 + random.nextInt(0x80));
      String whole = Utf8Text.decode(b, 0, b.length);
      // Fed in two parts, decoding only what is settled after the first.
      int cut = random.nextInt(b.length + 1);
      int settled = Utf8Text.settledPrefix(b, 0, cut);
      List<String> parts = new ArrayList<>(List.of(Utf8Text.decode(b, 0, settled), Utf8Text.decode(b, settled, b.length)));
      assertEquals(whole, String.join("", parts), () -> "cut at " + cut + " of " + java.util.Arrays.toString(b));
    }
    assertEquals(0, Utf8Text.settledPrefix(bytes(0xE2, 0x82), 0, 2));
    assertEquals(3, Utf8Text.settledPrefix(bytes(0xE2, 0x82, 0xAC), 0, 3));
  }

  @Test
  void everyStringSurvivesEncoding() {
    assertArrayEquals(bytes(0xE2, 0x82, 0xAC), Utf8Text.encode("€"));
    assertArrayEquals(bytes(0x61, 0xED, 0xA0, 0x80), Utf8Text.encode("a\uD800"));
    for (String s : List.of("", "a\uD800b", "\uDC00\uD800", "😀", "e\u0301")) {
      byte[] b = Utf8Text.encode(s);
      assertEquals(s, Utf8Text.decode(b, 0, b.length));
    }
  }

  @Test
  void excerptsAreOneSafeLine() {
    assertEquals("a\\xff", Utf8Text.excerpt(bytes(0x61, 0xFF), 0, 2));
    assertEquals("a\\nb", Utf8Text.excerpt("a\nb", 100));
    assertEquals(-1, Utf8Text.excerpt("x".repeat(1000), 50).indexOf('\n'));
  }

  @Test
  void codePointOrderIsUtf8ByteOrder() {
    // As chars, U+1F600's high surrogate D83D sorts before U+FF61; as code points (and UTF-8 bytes) it sorts after.
    List<String> words = new ArrayList<>(List.of("\uD83D\uDE00", "\uFF61", "a"));
    words.sort(Utf8Text.CODE_POINT_ORDER);
    assertEquals(List.of("a", "\uFF61", "\uD83D\uDE00"), words);
  }
}
