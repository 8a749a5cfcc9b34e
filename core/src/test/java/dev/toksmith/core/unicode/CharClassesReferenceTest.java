package dev.toksmith.core.unicode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.toksmith.core.reference.HfReference;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Compares every code point's classes with what the reference's regex engines say. */
class CharClassesReferenceTest {
  private static final int CODE_POINTS_PER_TEXT = 4096;

  @Test
  void lettersAsOniguruma() {
    assertSameAsOniguruma("\\\\p{L}", CharClasses::isLetter);
  }

  @Test
  void numbersAsOniguruma() {
    assertSameAsOniguruma("\\\\p{N}", CharClasses::isNumber);
  }

  @Test
  void marksAsOniguruma() {
    assertSameAsOniguruma("\\\\p{M}", cp -> (CharClasses.classesOf(cp) & CharClasses.MARK) != 0);
  }

  @Test
  void lowercaseLettersAsOniguruma() {
    assertSameAsOniguruma("\\\\p{Ll}", cp -> (CharClasses.classesOf(cp) & CharClasses.LOWERCASE_LETTER) != 0);
  }

  @Test
  void uppercaseAndTitlecaseLettersAsOniguruma() {
    assertSameAsOniguruma("[\\\\p{Lu}\\\\p{Lt}]", cp -> (CharClasses.classesOf(cp) & CharClasses.UPPERCASE_OR_TITLECASE_LETTER) != 0);
  }

  @Test
  void whiteSpaceAsOniguruma() {
    assertSameAsOniguruma("\\\\s", CharClasses::isWhiteSpace);
  }

  /**
   * A Split pre-tokenizer removes what the regex matches, so the code points that no token covers are
   * exactly the matching ones.
   */
  private static void assertSameAsOniguruma(String jsonRegex, IntPredicate toksmith) {
    String json = "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":[],\"normalizer\":null,"
        + "\"pre_tokenizer\":{\"type\":\"Split\",\"pattern\":{\"Regex\":\"" + jsonRegex + "\"},\"behavior\":\"Removed\",\"invert\":false},"
        + "\"post_processor\":null,\"decoder\":null,\"model\":{\"type\":\"WordLevel\",\"vocab\":{\"<unk>\":0},\"unk_token\":\"<unk>\"}}";
    List<int[]> chunks = scalarValueChunks();
    List<String> texts = chunks.stream().map(cps -> new String(cps, 0, cps.length)).toList();
    try (HfReference reference = HfReference.load(json)) {
      List<HfReference.Encoded> encoded = reference.encodeAll(texts);
      for (int i = 0; i < chunks.size(); i++) {
        String text = texts.get(i);
        boolean[] covered = new boolean[text.length()];
        HfReference.Encoded tokens = encoded.get(i);
        for (int t = 0; t < tokens.starts().length; t++) {
          for (int u = tokens.starts()[t]; u < tokens.ends()[t]; u++) covered[u] = true;
        }
        for (int u = 0; u < text.length(); u += Character.charCount(text.codePointAt(u))) {
          int cp = text.codePointAt(u);
          assertEquals(!covered[u], toksmith.test(cp), () -> String.format("U+%04X with %s", cp, jsonRegex));
        }
      }
    }
  }

  /**
   * The regex crate's {@code \w} decides whether a {@code single_word} added token matches: it does not
   * match right after a word character. Each code point is followed by the token and a space, so the
   * code point alone decides.
   */
  @Test
  void wordCharactersAsTheRegexCrate() {
    String json = "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,"
        + "\"added_tokens\":[{\"id\":1,\"content\":\"<m>\",\"single_word\":true,\"lstrip\":false,\"rstrip\":false,\"normalized\":false,\"special\":false}],"
        + "\"normalizer\":null,\"pre_tokenizer\":null,\"post_processor\":null,\"decoder\":null,"
        + "\"model\":{\"type\":\"WordLevel\",\"vocab\":{\"<unk>\":0,\"<m>\":1},\"unk_token\":\"<unk>\"}}";
    String suffix = "<m> ";
    List<int[]> chunks = scalarValueChunks();
    List<String> texts = new ArrayList<>();
    for (int[] cps : chunks) {
      StringBuilder text = new StringBuilder();
      for (int cp : cps) text.appendCodePoint(cp).append(suffix);
      texts.add(text.toString());
    }
    try (HfReference reference = HfReference.load(json)) {
      List<HfReference.Encoded> encoded = reference.encodeAll(texts);
      for (int i = 0; i < chunks.size(); i++) {
        String text = texts.get(i);
        boolean[] tokenAfter = new boolean[text.length() + 1];
        HfReference.Encoded tokens = encoded.get(i);
        for (int t = 0; t < tokens.ids().length; t++) {
          if (tokens.ids()[t] == 1) tokenAfter[tokens.starts()[t]] = true;
        }
        for (int u = 0; u < text.length(); ) {
          int cp = text.codePointAt(u);
          u += Character.charCount(cp);
          boolean wordChar = !tokenAfter[u];
          assertEquals(wordChar, CharClasses.isWordChar(cp), () -> String.format("U+%04X with \\w", cp));
          u += suffix.length();
        }
      }
    }
  }

  @Test
  void loneSurrogatesAndNonCodePointsBelongToNoClass() {
    for (int value : IntStream.concat(IntStream.rangeClosed(Character.MIN_SURROGATE, Character.MAX_SURROGATE), IntStream.of(-1, Integer.MIN_VALUE, Character.MAX_CODE_POINT + 1)).toArray()) {
      assertEquals(0, CharClasses.classesOf(value), () -> String.format("%X", value));
    }
  }

  /** All code points but surrogates, in chunks. */
  private static List<int[]> scalarValueChunks() {
    List<int[]> chunks = new ArrayList<>();
    for (int start = 0; start <= Character.MAX_CODE_POINT; start += CODE_POINTS_PER_TEXT) {
      int[] cps = IntStream.range(start, Math.min(Character.MAX_CODE_POINT + 1, start + CODE_POINTS_PER_TEXT))
          .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
          .toArray();
      if (cps.length > 0) chunks.add(cps);
    }
    return chunks;
  }
}
