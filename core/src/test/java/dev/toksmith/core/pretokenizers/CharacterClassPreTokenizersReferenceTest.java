package dev.toksmith.core.pretokenizers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ibm.icu.lang.UScript;
import dev.toksmith.core.reference.HfReference;
import dev.toksmith.core.unicode.NormalizedString;
import dev.toksmith.core.unicode.Scripts;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The pre-tokenizers that classify characters, compared with the reference on every code point: each
 * code point between two {@code a}s (which decides its class against a word character), and for
 * UnicodeScripts all code points in order and shuffled (which compares the scripts of neighbours).
 * The reference runs a WordLevel model without vocabulary, so every piece comes back as one token
 * whose offsets are the piece.
 */
class CharacterClassPreTokenizersReferenceTest {
  private static final int CODE_POINTS_PER_TEXT = 4096;
  private static final int[] SCALAR_VALUES = IntStream.rangeClosed(0, Character.MAX_CODE_POINT)
      .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
      .toArray();

  @Test
  void punctuationAsTheReference() {
    assertSamePieces("{\"type\":\"Punctuation\",\"behavior\":\"Isolated\"}", new Punctuation(SplitBehavior.ISOLATED), betweenLetters(SCALAR_VALUES));
  }

  @Test
  void digitsAsTheReference() {
    assertSamePieces("{\"type\":\"Digits\",\"individual_digits\":true}", new Digits(true), betweenLetters(SCALAR_VALUES));
  }

  @Test
  void whitespaceAsTheReference() {
    assertSamePieces("{\"type\":\"Whitespace\"}", Whitespace.INSTANCE, betweenLetters(SCALAR_VALUES));
  }

  @Test
  void whitespaceSplitAsTheReference() {
    assertSamePieces("{\"type\":\"WhitespaceSplit\"}", WhitespaceSplit.INSTANCE, betweenLetters(SCALAR_VALUES));
  }

  @Test
  void bertPreTokenizerAsTheReference() {
    assertSamePieces("{\"type\":\"BertPreTokenizer\"}", BertPreTokenizer.INSTANCE, betweenLetters(SCALAR_VALUES));
  }

  @Test
  void unicodeScriptsAsTheReference() {
    assertEquals(UScript.HAN, Scripts.HAN);
    assertEquals(UScript.HIRAGANA, Scripts.HIRAGANA);
    assertEquals(UScript.KATAKANA, Scripts.KATAKANA);
    int[] shuffled = SCALAR_VALUES.clone();
    Random random = new Random(20250101);
    for (int i = shuffled.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = shuffled[i];
      shuffled[i] = shuffled[j];
      shuffled[j] = t;
    }
    List<String> texts = new ArrayList<>(consecutive(SCALAR_VALUES));
    texts.addAll(consecutive(shuffled));
    assertSamePieces("{\"type\":\"UnicodeScripts\"}", UnicodeScripts.INSTANCE, texts);
  }

  private static List<String> betweenLetters(int[] codePoints) {
    List<String> texts = new ArrayList<>();
    for (int from = 0; from < codePoints.length; from += CODE_POINTS_PER_TEXT) {
      StringBuilder text = new StringBuilder("a");
      for (int k = from; k < Math.min(codePoints.length, from + CODE_POINTS_PER_TEXT); k++) text.appendCodePoint(codePoints[k]).append('a');
      texts.add(text.toString());
    }
    return texts;
  }

  private static List<String> consecutive(int[] codePoints) {
    List<String> texts = new ArrayList<>();
    for (int from = 0; from < codePoints.length; from += CODE_POINTS_PER_TEXT) {
      texts.add(new String(codePoints, from, Math.min(CODE_POINTS_PER_TEXT, codePoints.length - from)));
    }
    return texts;
  }

  private static void assertSamePieces(String preTokenizerJson, PreTokenizer preTokenizer, List<String> texts) {
    String json = "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":[],\"normalizer\":null,"
        + "\"pre_tokenizer\":" + preTokenizerJson + ",\"post_processor\":null,\"decoder\":null,"
        + "\"model\":{\"type\":\"WordLevel\",\"vocab\":{\"<unk>\":0},\"unk_token\":\"<unk>\"}}";
    try (HfReference reference = HfReference.load(json)) {
      List<HfReference.Encoded> expected = reference.encodeAll(texts);
      for (int t = 0; t < texts.size(); t++) {
        String text = texts.get(t);
        List<String> actual = new ArrayList<>();
        NormalizedString segment = new NormalizedString(text, 0);
        preTokenizer.preTokenize(segment, (s, start, end) -> actual.add(describe(text, s.originalStartOf(start, end), s.originalEndOf(start, end))));
        List<String> wanted = new ArrayList<>();
        for (int k = 0; k < expected.get(t).starts().length; k++) wanted.add(describe(text, expected.get(t).starts()[k], expected.get(t).ends()[k]));
        assertEquals(firstDifference(wanted, actual), firstDifference(actual, wanted), () -> preTokenizerJson + " on text " + text.codePoints().limit(3).mapToObj(cp -> String.format("U+%04X", cp)).toList());
      }
    }
  }

  /** A piece as its range and the code points in it, so that a failure names the characters. */
  private static String describe(String text, int start, int end) {
    StringBuilder s = new StringBuilder().append(start).append(',').append(end).append(':');
    text.substring(start, end).codePoints().limit(4).forEach(cp -> s.append(String.format(" U+%04X", cp)));
    return s.toString();
  }

  /** The first element of {@code a} not at the same index in {@code b}, or "" when equal. */
  private static String firstDifference(List<String> a, List<String> b) {
    for (int i = 0; i < a.size(); i++) if (i >= b.size() || !a.get(i).equals(b.get(i))) return "piece " + i + " " + a.get(i);
    return a.size() == b.size() ? "" : "piece " + a.size() + " missing";
  }
}
