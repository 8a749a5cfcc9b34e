package dev.toksmith.vocab.tiktoken;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toksmith.core.models.tiktoken.TiktokenTokenizer;
import dev.toksmith.core.pretokenizers.Cl100kPattern;
import dev.toksmith.core.pretokenizers.O200kPattern;
import dev.toksmith.core.pretokenizers.SplitPattern;
import dev.toksmith.core.unicode.CharClasses;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * The built-in encodings against fixtures that tiktoken's own Rust core produced (the npm package
 * {@code tiktoken}, see {@code vocab/src/test/scripts/tiktoken-reference.cjs}): ids of texts with
 * characters of Unicode 14 to 17, case-insensitive contractions ({@code 'ſ}), special tokens allowed
 * or not; and, code point by code point, the character classes its regex engine uses.
 */
class TiktokenReferenceFixtureTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static InputStream fixture(String name) {
    InputStream in = TiktokenReferenceFixtureTest.class.getResourceAsStream(name);
    if (in == null) throw new IllegalStateException("missing fixture " + name);
    return in;
  }

  @Test
  void sameIdsAsTiktoken() throws IOException {
    int checked = 0;
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(fixture("tiktoken-reference.jsonl"), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        JsonNode entry = JSON.readTree(line);
        TiktokenTokenizer encoding = TiktokenEncodings.load(entry.get("encoding").asText()).orElseThrow();
        JsonNode allowed = entry.get("allowed");
        Set<String> specials = new LinkedHashSet<>();
        if (allowed.isTextual()) specials.addAll(encoding.specialTokens());
        else allowed.forEach(s -> specials.add(s.asText()));
        TiktokenTokenizer tokenizer = encoding.withAllowedSpecial(specials);
        String text = entry.get("text").asText();
        int[] expected = new int[entry.get("ids").size()];
        for (int i = 0; i < expected.length; i++) expected[i] = entry.get("ids").get(i).asInt();
        assertArrayEquals(expected, tokenizer.encodeIds(text), () -> encoding.name() + " " + allowed + " " + text.codePoints().mapToObj(c -> String.format("U+%04X", c)).toList());
        assertArrayEquals(expected, tokenizer.encode(text).ids());
        assertArrayEquals(expected, tokenizer.encodeBytes(text.getBytes(StandardCharsets.UTF_8)));
        // o200k_harmony gives 200018 a second text, <|reserved_200018|>; the id decodes to the first.
        boolean alias = tokenizer.allowedSpecial().contains("<|reserved_200018|>") && text.contains("<|reserved_200018|>");
        if (!alias) assertEquals(text, tokenizer.decode(expected));
        checked++;
      }
    }
    assertTrue(checked > 1000, "fixture has " + checked + " entries");
  }

  /** Each class line: the code points tiktoken's regex engine puts in the class. */
  private static Map<String, BitSet> classes() throws IOException {
    Map<String, BitSet> classes = new HashMap<>();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(fixture("tiktoken-classes.txt"), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.startsWith("#")) continue;
        String[] fields = line.split("\t");
        BitSet members = new BitSet();
        for (String range : fields[1].split(" ")) {
          String[] bounds = range.split("-");
          members.set(Integer.parseInt(bounds[0], 16), Integer.parseInt(bounds[bounds.length - 1], 16) + 1);
        }
        classes.put(fields[0], members);
      }
    }
    return classes;
  }

  private static void assertSameClass(BitSet tiktoken, IntPredicate toksmith, String name) {
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) continue;
      int c = cp;
      assertEquals(tiktoken.get(cp), toksmith.test(cp), () -> String.format("U+%04X in %s", c, name));
    }
  }

  @Test
  void characterClassesAsTiktokensRegexEngine() throws IOException {
    Map<String, BitSet> classes = classes();
    assertSameClass(classes.get("L"), CharClasses::isLetter, "\\p{L}");
    assertSameClass(classes.get("N"), CharClasses::isNumber, "\\p{N}");
    assertSameClass(classes.get("S"), CharClasses::isWhiteSpace, "\\s");
    assertSameClass(classes.get("M"), cp -> (CharClasses.classesOf(cp) & CharClasses.MARK) != 0, "\\p{M}");
    assertSameClass(classes.get("Ll"), cp -> (CharClasses.classesOf(cp) & CharClasses.LOWERCASE_LETTER) != 0, "\\p{Ll}");
    assertSameClass(classes.get("LuLt"), cp -> (CharClasses.classesOf(cp) & CharClasses.UPPERCASE_OR_TITLECASE_LETTER) != 0, "[\\p{Lu}\\p{Lt}]");
  }

  private static List<String> pieces(SplitPattern pattern, String s) {
    List<String> out = new ArrayList<>();
    pattern.findMatches(s, (start, end) -> out.add(s.substring(start, end)));
    return out;
  }

  /**
   * The letters that case-fold to a contraction's letters are those tiktoken's engine matches with
   * {@code (?i:...)}. Every such letter is a letter, so a contraction shows as a piece of its own
   * where any other letter would join the word after it.
   */
  @Test
  void contractionsFoldCaseAsTiktokensRegexEngine() throws IOException {
    Map<String, BitSet> classes = classes();
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      if (!CharClasses.isLetter(cp)) {
        for (char letter : "stremvld".toCharArray()) assertTrue(!classes.get("fold_" + letter).get(cp), "a fold that is no letter");
        continue;
      }
      String c = new String(Character.toChars(cp));
      int code = cp;
      boolean single = classes.get("fold_s").get(cp) || classes.get("fold_t").get(cp) || classes.get("fold_m").get(cp) || classes.get("fold_d").get(cp);
      boolean firstOfTwo = classes.get("fold_r").get(cp) || classes.get("fold_v").get(cp) || classes.get("fold_l").get(cp);
      assertEquals(single, pieces(Cl100kPattern.TIKTOKEN, "x'" + c + "b").contains("'" + c), () -> String.format("cl100k 'U+%04X", code));
      assertEquals(firstOfTwo, pieces(Cl100kPattern.TIKTOKEN, "x'" + c + (cp == 'l' || cp == 'L' ? "lb" : "eb")).get(1).length() == 2 + c.length(), () -> String.format("cl100k 'U+%04Xe", code));
      assertEquals(classes.get("fold_e").get(cp), pieces(Cl100kPattern.TIKTOKEN, "x'r" + c + "b").contains("'r" + c), () -> String.format("cl100k 'rU+%04X", code));
      assertEquals(classes.get("fold_l").get(cp), pieces(Cl100kPattern.TIKTOKEN, "x'l" + c + "b").contains("'l" + c), () -> String.format("cl100k 'lU+%04X", code));
      assertEquals(single, pieces(O200kPattern.INSTANCE, "ab'" + c + "1").get(0).equals("ab'" + c), () -> String.format("o200k 'U+%04X", code));
    }
  }
}
