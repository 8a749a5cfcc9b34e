package dev.toksmith.core.pretokenizers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.core.reference.HfReference;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Every character property toksmith translates for Hugging Face's regexes, compared with Oniguruma on
 * every code point: a Split that removes what the regex matches leaves exactly the code points it does
 * not match, and toksmith's regex must match the same ones.
 */
class OnigurumaPropertiesReferenceTest {
  private static final int CODE_POINTS_PER_TEXT = 16384;
  private static final List<String> TEXTS = allScalarValues();

  /**
   * The two-letter General_Category values, five regexes for all thirty: the n-th regex is the class of
   * the categories whose {@link Character#getType} number has bit n, so together they give each code
   * point's category.
   */
  @Test
  void everyTwoLetterCategory() {
    String[] codes = {"Cn", "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Me", "Mc", "Nd", "Nl", "No", "Zs", "Zl", "Zp", "Cc", "Cf", null, "Co", "Cs",
        "Pd", "Ps", "Pe", "Pc", "Po", "Sm", "Sc", "Sk", "So", "Pi", "Pf"};
    for (int bit = 0; bit < 5; bit++) {
      StringBuilder regex = new StringBuilder("[");
      for (int type = 0; type < codes.length; type++) {
        if (codes[type] != null && (type >> bit & 1) != 0) regex.append("\\p{").append(codes[type]).append('}');
      }
      assertSameCodePoints(regex.append(']').toString());
    }
  }

  /** The one-letter groups, three regexes for seven groups in the same way. */
  @Test
  void everyGroupOfCategories() {
    String[] groups = {"L", "M", "N", "P", "S", "Z", "C"};
    for (int bit = 0; bit < 3; bit++) {
      StringBuilder regex = new StringBuilder("[");
      for (int g = 0; g < groups.length; g++) {
        if ((g + 1 >> bit & 1) != 0) regex.append("\\p{").append(groups[g]).append('}');
      }
      assertSameCodePoints(regex.append(']').toString());
    }
  }

  @Test
  void escapesAndPropertiesOutsideBrackets() {
    for (String regex : List.of("\\w", "\\d", "\\s", "\\h", "\\p{LC}")) assertSameCodePoints(regex);
  }

  /** Inside brackets, Oniguruma's Word lacks the Latin-1 superscripts and fractions that it has outside. */
  @Test
  void wordInsideBrackets() {
    for (String regex : List.of("[\\w]", "[^\\W]")) assertSameCodePoints(regex);
  }

  @Test
  void negatedProperties() {
    for (String regex : List.of("\\P{L}", "\\p{^S}", "\\P{^M}", "[\\p{^N}]", "\\W", "[^\\s\\p{L}\\p{N}]")) assertSameCodePoints(regex);
  }

  /** Names are compared ignoring case, spaces, hyphens and underscores; a union of differing classes shows a wrong one. */
  @Test
  void longNamesAndAliases() {
    assertSameCodePoints("[\\p{Uppercase Letter}\\p{other-symbol}\\p{Combining_Mark}\\p{Line_Separator}\\p{cntrl}\\p{Digit}]");
    assertSameCodePoints("[\\p{Letter}\\p{XDigit}\\p{Punct}\\p{Space}\\p{ASCII}]");
    assertSameCodePoints("\\p{Any}");
  }

  @Test
  void binaryAndPosixProperties() {
    for (String regex : List.of("\\p{Alphabetic}", "\\p{Lower}", "\\p{Uppercase}", "\\p{Alnum}", "\\p{Blank}", "\\p{Graph}", "\\p{Print}",
        "\\p{Assigned}")) {
      assertSameCodePoints(regex);
    }
  }

  /** POSIX brackets, where {@code punct} has the symbols that {@code \p{Punct}} has not. */
  @Test
  void posixBrackets() {
    for (String regex : List.of("[[:punct:]]", "[[:^alpha:]]", "[[:print:]&&[:^graph:][:upper:]]")) assertSameCodePoints(regex);
  }

  /** Intersections, nested and negated classes mixing properties with ranges, as released patterns do. */
  @Test
  void classesMixingPropertiesAndRanges() {
    for (String regex : List.of("[^\\r\\n\\p{L}\\p{P}\\p{S}]", "[\\p{L}\\p{M}&&[^\\p{Lu}a-z]]", "[^[\\p{S}\\x{1F600}-\\x{1F64F}]&&\\P{Cn}]")) {
      assertSameCodePoints(regex);
    }
  }

  private static void assertSameCodePoints(String regex) {
    String json = "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":[],\"normalizer\":null,"
        + "\"pre_tokenizer\":{\"type\":\"Split\",\"pattern\":{\"Regex\":" + HfReference.quote(regex) + "},\"behavior\":\"Removed\",\"invert\":false},"
        + "\"post_processor\":null,\"decoder\":null,\"model\":{\"type\":\"WordLevel\",\"vocab\":{\"<unk>\":0},\"unk_token\":\"<unk>\"}}";
    SplitPattern ours = SplitPatterns.regex(regex);
    List<String> differences = new ArrayList<>();
    try (HfReference reference = HfReference.load(json)) {
      List<HfReference.Encoded> encoded = reference.encodeAll(TEXTS);
      for (int i = 0; i < TEXTS.size(); i++) {
        String text = TEXTS.get(i);
        BitSet kept = new BitSet(text.length());
        HfReference.Encoded tokens = encoded.get(i);
        for (int t = 0; t < tokens.starts().length; t++) kept.set(tokens.starts()[t], tokens.ends()[t]);
        BitSet matched = new BitSet(text.length());
        ours.findMatches(text, matched::set);
        for (int u = 0; u < text.length(); u += Character.charCount(text.codePointAt(u))) {
          if (kept.get(u) == matched.get(u) && differences.size() < 10) {
            differences.add(String.format("U+%04X %s", text.codePointAt(u), matched.get(u) ? "matched here only" : "matched there only"));
          }
        }
      }
    }
    assertTrue(differences.isEmpty(), () -> regex + ": " + differences);
  }

  private static List<String> allScalarValues() {
    List<String> texts = new ArrayList<>();
    for (int start = 0; start <= Character.MAX_CODE_POINT; start += CODE_POINTS_PER_TEXT) {
      int[] cps = IntStream.range(start, Math.min(Character.MAX_CODE_POINT + 1, start + CODE_POINTS_PER_TEXT))
          .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
          .toArray();
      if (cps.length > 0) texts.add(new String(cps, 0, cps.length));
    }
    return texts;
  }
}
