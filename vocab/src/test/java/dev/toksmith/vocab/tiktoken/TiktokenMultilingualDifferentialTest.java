package dev.toksmith.vocab.tiktoken;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingRegistry;
import dev.toksmith.core.models.tiktoken.TiktokenTokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The built-in encodings against jtokkit on multilingual text, where the pieces are long and few are
 * tokens: random texts made of words from many scripts (with lengths that reach every way the model
 * merges a piece: two bytes, a scan, a heap, too long for the piece cache), numbers, punctuation,
 * white space and emoji, each encoded twice (the second time from the piece cache) through {@code
 * encodeIds}, {@code encodeBytes} and {@code countTokens}; and the lines of the benchmark mix when
 * {@code jmh/multilingual-corpus.py} has built it. jtokkit splits with {@code java.util.regex}
 * (Unicode 13 on JDK 17), so the random words keep to blocks whose classes have not changed since.
 */
class TiktokenMultilingualDifferentialTest {
  private static final EncodingRegistry JTOKKIT = Encodings.newDefaultEncodingRegistry();

  /** Code point ranges (inclusive pairs) of each script's letters and marks. */
  private static final int[][] SCRIPTS = {
    {0x00C0, 0x00D6, 0x00D8, 0x00F6, 0x00F8, 0x017F}, // accented Latin
    {'a', 'z', 0x0300, 0x036F}, // Latin with combining marks
    {0x0391, 0x03A1, 0x03A3, 0x03A9, 0x03B1, 0x03C9}, // Greek
    {0x0410, 0x044F}, // Cyrillic
    {0x0561, 0x0586}, // Armenian
    {0x05D0, 0x05EA}, // Hebrew
    {0x0621, 0x063A, 0x0641, 0x064A}, // Arabic
    {0x0915, 0x0939, 0x093E, 0x094C}, // Devanagari with vowel signs
    {0x0E01, 0x0E2E, 0x0E31, 0x0E31, 0x0E34, 0x0E3A}, // Thai
    {0x3041, 0x3096, 0x30A1, 0x30FA}, // kana
    {0x4E00, 0x9FA5}, // CJK ideographs
    {0xAC00, 0xD7A3}, // Hangul syllables
  };

  private static final String[] OTHERS = {
    " ", " ", " ", "  ", "\n", "\t", "\u00A0", "\u3000", "\u2003", ".", ",", "!", "?", "'s", "'", "«", "»", "“", "”", "—", "、", "。", "،", "؟", "।",
    "0", "42", "12345", "٣٤", "१९४८", "１２", "😀", "👍🏽", "👨‍👩‍👧", "🇫🇷", "❤️", "(", ")", "/", "-", "…",
  };

  /** A random text of words in random scripts between spaces, numbers, punctuation and emoji. */
  static String randomText(Random random) {
    StringBuilder text = new StringBuilder();
    for (int segment = 1 + random.nextInt(12); segment > 0; segment--) {
      if (random.nextInt(3) > 0) {
        int[] ranges = SCRIPTS[random.nextInt(SCRIPTS.length)];
        int length = switch (random.nextInt(10)) {
          case 0 -> 40 + random.nextInt(250); // longer than the cache keeps, merged on a heap
          case 1, 2 -> 9 + random.nextInt(32); // scanned or heap-merged, by its bytes
          default -> 1 + random.nextInt(8);
        };
        for (int k = 0; k < length; k++) {
          int pair = 2 * random.nextInt(ranges.length / 2);
          text.appendCodePoint(ranges[pair] + random.nextInt(ranges[pair + 1] - ranges[pair] + 1));
        }
      } else {
        text.append(OTHERS[random.nextInt(OTHERS.length)]);
      }
    }
    return text.toString();
  }

  private static void assertSameIds(com.knuddels.jtokkit.api.Encoding oracle, TiktokenTokenizer toksmith, String text, String where) {
    int[] expected = oracle.encodeOrdinary(text).toArray();
    assertArrayEquals(expected, toksmith.encodeIds(text), () -> toksmith.name() + " " + where);
    assertArrayEquals(expected, toksmith.encodeIds(text), () -> toksmith.name() + " again (cached) " + where);
    assertArrayEquals(expected, toksmith.encodeBytes(text.getBytes(StandardCharsets.UTF_8)), () -> toksmith.name() + " bytes of " + where);
    assertEquals(expected.length, toksmith.countTokens(text), () -> toksmith.name() + " count of " + where);
  }

  private static String describe(String text) {
    return text.length() > 80 ? text.substring(0, 80) + "... (" + text.length() + " chars)" : text;
  }

  @ParameterizedTest
  @ValueSource(strings = {"r50k_base", "cl100k_base", "o200k_base"})
  void randomMultilingualTextGetsJtokkitsIds(String encoding) throws IOException {
    TiktokenTokenizer toksmith = TiktokenEncodings.load(encoding).orElseThrow();
    com.knuddels.jtokkit.api.Encoding oracle = JTOKKIT.getEncoding(encoding).orElseThrow();
    Random random = new Random(encoding.hashCode() * 31L + 14);
    for (int i = 0; i < 3000; i++) {
      String text = randomText(random);
      assertSameIds(oracle, toksmith, text, "random text " + i + ": " + describe(text));
    }
  }

  /**
   * Lone surrogates have no UTF-8, so jtokkit cannot say; they encode as their WTF-8 bytes (see
   * {@link TiktokenTokenizer}): the text comes back whole, and the count agrees with the ids.
   */
  @ParameterizedTest
  @ValueSource(strings = {"r50k_base", "cl100k_base", "o200k_base"})
  void loneSurrogatesInMultilingualTextComeBackWhole(String encoding) throws IOException {
    TiktokenTokenizer toksmith = TiktokenEncodings.load(encoding).orElseThrow();
    Random random = new Random(encoding.hashCode() * 31L + 15);
    for (int i = 0; i < 1000; i++) {
      StringBuilder text = new StringBuilder(randomText(random));
      for (int k = 1 + random.nextInt(3); k > 0; k--) {
        char surrogate = (char) (random.nextBoolean() ? 0xD800 + random.nextInt(0x400) : 0xDC00 + random.nextInt(0x400));
        int at = random.nextInt(text.length() + 1);
        // Not between the halves of a pair, which would make it part of a character.
        if (at > 0 && at < text.length() && Character.isHighSurrogate(text.charAt(at - 1))) at--;
        text.insert(at, surrogate);
      }
      String s = text.toString();
      int[] ids = toksmith.encodeIds(s);
      assertEquals(s, toksmith.decode(ids), () -> encoding + " " + describe(s));
      assertArrayEquals(ids, toksmith.encodeIds(s), () -> encoding + " again (cached) " + describe(s));
      assertEquals(ids.length, toksmith.countTokens(s), () -> encoding + " count of " + describe(s));
    }
  }

  /** Every eighth line of {@code jmh/target/bench-multilingual/multilingual.txt}, when it has been built. */
  @ParameterizedTest
  @ValueSource(strings = {"r50k_base", "cl100k_base", "o200k_base"})
  void benchmarkMixGetsJtokkitsIds(String encoding) throws IOException {
    Path mix = benchmarkMix();
    TiktokenTokenizer toksmith = TiktokenEncodings.load(encoding).orElseThrow();
    com.knuddels.jtokkit.api.Encoding oracle = JTOKKIT.getEncoding(encoding).orElseThrow();
    List<String> lines = Files.readAllLines(mix, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i += 8) assertSameIds(oracle, toksmith, lines.get(i), mix.getFileName() + ":" + (i + 1));
  }

  private static Path benchmarkMix() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path mix = p.resolve("jmh/target/bench-multilingual/multilingual.txt");
      if (Files.isDirectory(p.resolve(".mvn")) && Files.isRegularFile(mix)) return mix;
    }
    Assumptions.abort("the benchmark mix is not built (jmh/multilingual-corpus.py)");
    return null;
  }
}
