package dev.toksmith.core.pretokenizers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.toksmith.core.reference.HfReference;
import dev.toksmith.core.unicode.NormalizedString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What {@link OnigurumaSyntax} rewrites besides properties, compared with Hugging Face's Split on edge
 * strings: anchors and dots at line ends, escapes that mean something else to Java, word boundaries,
 * case-insensitive properties, lookbehind over surrogate pairs, and characters assigned after the
 * JDK's Unicode 13. Each regex runs with {@code Isolated} (matches and gaps are pieces) and {@code
 * Removed} (only gaps are), so both where matches start and end and which pieces match must agree.
 */
class OnigurumaSyntaxReferenceTest {
  private static final int CODE_POINTS_PER_TEXT = 8192;
  private static final List<String> TEXTS = List.of(
      "", "a", "ab\ncd\n\nef\r\ngh\n", "\u2028x\u0085y\rz\u000B\u000C", "x\n", "\n",
      "ab cd", "a\u200Cb \u00B2x \u00BD_9", "don't STOP ǅungla ẞ ß ss",
      "\uD83D\uDE00a\uD83D\uDE00 \uD83E\uDEE0x\uD83E\uDEE0",
      // U+1FA70 (Unicode 12), U+1FAE0 (14), U+1FA89 (15), U+1FAE9 (16): symbols; U+1E4D0 (Nag Mundari, 15) and
      // U+11F04 (Kawi, 15): letters; U+31350 (CJK Extension H, 15) and U+2EBF0 (Extension I, 15.1): ideographs;
      // U+1E5D1 (Ol Onal, 16): a letter, U+1E5F1: a digit.
      "\uD83E\uDE70\uD83E\uDEE0\uD83E\uDE89\uD83E\uDEE9 \uD839\uDCD0\uD807\uDF04 \uD884\uDF50\uD87A\uDFF0 \uD839\uDDD1\uD839\uDDF1",
      "\u0000\t\u00011\u0008Qa\\E QaE A", "Hello, world! 123 456.78 ½ Ⅳ ٣٤");

  @Test
  void lineEndsAndDots() {
    assertSameSplits("^.", ".$", "^$", "(?m).+", "(?m:a.)", "(?-m).+", "\\A.|.\\z|.\\Z", "\\N+", "\\O", "\\v+");
  }

  @Test
  void escapesThatJavaReadsOtherwise() {
    assertSameSplits("\\0", "\\011", "\\0111", "\\o{101}", "\\Qa\\E", "[\\b]", "[\\v\\h]+", "\\h+", "\\x{1FAE0}", "\\u00BD");
  }

  @Test
  void wordBoundaries() {
    assertSameSplits("\\b", "\\B", "\\b\\w+\\b", "\\B.\\B", "(?i)\\bs\\b", "\\b\\p{So}");
  }

  /** Outside brackets, Oniguruma's properties ignore {@code (?i)}. */
  @Test
  void caseInsensitiveProperties() {
    assertSameSplits("(?i)\\p{Lu}", "(?i:\\p{Ll}+)", "(?i)\\P{Lu}+", "(?i)s\\w", "(?i:'s|'t)");
  }

  /** A lookbehind over a supplementary character, and no match between the halves of a surrogate pair. */
  @Test
  void surrogatePairs() {
    assertSameSplits("(?<=\\p{So})\\w", "(?<!\\p{L})\\p{L}", "(?<=[\\x{1F600}x])\\X", "\\p{Cs}", "[^\\p{So}]", "a*");
  }

  @Test
  void releasedPatterns() {
    assertSameSplits(
        "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+",
        "[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~][A-Za-z]+|[^\r\n\\p{L}\\p{P}\\p{S}]?[\\p{L}\\p{M}]+| ?[\\p{P}\\p{S}]+[\r\n]*|\\s*[\r\n]+|\\s+(?!\\S)|\\s+");
  }

  /**
   * The faster form with this JDK's own classes and {@code \b}, which runs on text without a corrected
   * code point, on the other code points of the BMP and all others this JDK assigns but private use
   * (the unassigned and private use ones beyond the BMP are alike): each between word characters and
   * between spaces.
   */
  @Test
  void uncorrectedFormOnTheCodePointsItRunsOn() {
    for (String regex : List.of("\\b", "[\\p{L}\\p{M}]+|\\p{N}|[^\\s\\p{L}\\p{N}]+")) {
      BitSet corrected = OnigurumaSyntax.toJava(regex).corrected();
      int[] uncorrected = IntStream.rangeClosed(0, Character.MAX_CODE_POINT)
          .filter(cp -> !corrected.get(cp) && Character.getType(cp) != Character.SURROGATE)
          .filter(cp -> cp <= Character.MAX_VALUE || (Character.isDefined(cp) && Character.getType(cp) != Character.PRIVATE_USE))
          .toArray();
      List<String> texts = new ArrayList<>();
      for (int from = 0; from < uncorrected.length; from += CODE_POINTS_PER_TEXT) {
        int[] chunk = Arrays.copyOfRange(uncorrected, from, Math.min(uncorrected.length, from + CODE_POINTS_PER_TEXT));
        for (String separator : List.of("a", " ")) {
          texts.add(Arrays.stream(chunk).mapToObj(Character::toString).collect(Collectors.joining(separator, separator, separator)));
        }
      }
      assertSameSplits(regex, SplitBehavior.ISOLATED, texts);
    }
  }

  private static void assertSameSplits(String... regexes) {
    for (String regex : regexes) {
      for (SplitBehavior behavior : List.of(SplitBehavior.ISOLATED, SplitBehavior.REMOVED)) assertSameSplits(regex, behavior, TEXTS);
    }
  }

  private static void assertSameSplits(String regex, SplitBehavior behavior, List<String> texts) {
    String name = behavior == SplitBehavior.ISOLATED ? "Isolated" : "Removed";
    String json = "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":[],\"normalizer\":null,"
        + "\"pre_tokenizer\":{\"type\":\"Split\",\"pattern\":{\"Regex\":" + HfReference.quote(regex) + "},\"behavior\":\"" + name + "\",\"invert\":false},"
        + "\"post_processor\":null,\"decoder\":null,\"model\":{\"type\":\"WordLevel\",\"vocab\":{\"<unk>\":0},\"unk_token\":\"<unk>\"}}";
    Split split = new Split(regex, true, behavior, false);
    try (HfReference reference = HfReference.load(json)) {
      List<HfReference.Encoded> expected = reference.encodeAll(texts);
      for (int t = 0; t < texts.size(); t++) {
        String text = texts.get(t);
        List<String> wanted = new ArrayList<>();
        HfReference.Encoded pieces = expected.get(t);
        for (int k = 0; k < pieces.starts().length; k++) wanted.add(pieces.starts()[k] + "-" + pieces.ends()[k]);
        List<String> actual = new ArrayList<>();
        NormalizedString segment = new NormalizedString(text, 0);
        split.preTokenize(segment, (s, start, end) -> actual.add(s.originalStartOf(start, end) + "-" + s.originalEndOf(start, end)));
        assertEquals(wanted, actual, () -> name + " " + regex + " on " + HfReference.quote(text));
      }
    }
  }
}
