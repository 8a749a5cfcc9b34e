package dev.toksmith.core.models.unicode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.api.Tokenizer;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnicodeVocabularyTest {
  private static final Tokenizer UNICODE = UnicodeVocabulary.tokenizer();

  @Test
  void bmpCharactersHaveTheirCodePointAsId() {
    assertArrayEquals(new int[] {104, 105, 32, 0x4E2D, 0xF900, 0xFFFD, 0xFFFE, 0}, UNICODE.encodeIds("hi \u4E2D\uF900\uFFFD\uFFFE\u0000"));
    assertEquals(65_536, UNICODE.vocabSize());
  }

  @Test
  void specialsSitAtTheReferenceIds() {
    assertEquals(57344, UNICODE.tokenToId("<pad>").getAsInt());
    assertEquals(57345, UNICODE.tokenToId("<s>").getAsInt());
    assertEquals(57346, UNICODE.tokenToId("</s>").getAsInt());
    assertEquals(57347, UNICODE.tokenToId("<unk>").getAsInt());
    assertTrue(UNICODE.isSpecialToken(57345));
    assertFalse(UNICODE.isSpecialToken(57348));
    assertEquals("<unused_E004>", UNICODE.idToToken(0xE004).orElseThrow());
    assertEquals("<unused_D800>", UNICODE.idToToken(0xD800).orElseThrow());
  }

  @Test
  void charactersWithoutAnIdOfTheirOwnFallBackToUtf8Bytes() {
    // U+E000 (its id is <pad>'s): EE 80 80; U+1F600: F0 9F 98 80; U+FFFF: EF BF BF.
    assertArrayEquals(new int[] {0xF8EE, 0xF880, 0xF880}, UNICODE.encodeIds("\uE000"));
    assertArrayEquals(new int[] {0xF8F0, 0xF89F, 0xF898, 0xF880}, UNICODE.encodeIds("\uD83D\uDE00"));
    assertArrayEquals(new int[] {0xF8EF, 0xF8BF, 0xF8BF}, UNICODE.encodeIds("\uFFFF"));
    assertEquals("<0x9F>", UNICODE.idToToken(0xF89F).orElseThrow());
    assertEquals("a\uD83D\uDE00\uE000", UNICODE.decode(new int[] {97, 0xF8F0, 0xF89F, 0xF898, 0xF880, 0xF8EE, 0xF880, 0xF880}));
  }

  /** Every scalar value, in chunks of consecutive code points: the ids the layout says, and back. */
  @Test
  void everyScalarValueRoundTripsWithTheIdsOfTheLayout() {
    int chunk = 8192;
    for (int from = 0; from <= Character.MAX_CODE_POINT; from += chunk) {
      StringBuilder text = new StringBuilder();
      IntArrayList expected = new IntArrayList();
      for (int cp = from; cp < Math.min(from + chunk, Character.MAX_CODE_POINT + 1); cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        text.appendCodePoint(cp);
        boolean own = cp < 0xD800 || (cp >= 0xF900 && cp <= 0xFFFE);
        if (own) expected.add(cp);
        else for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) expected.add(0xF800 + (b & 0xFF));
      }
      if (text.length() == 0) continue;
      int[] ids = UNICODE.encodeIds(text.toString());
      assertArrayEquals(expected.toIntArray(), ids, "chunk from U+" + Integer.toHexString(from));
      assertEquals(text.toString(), UNICODE.decode(ids), "chunk from U+" + Integer.toHexString(from));
    }
  }

  @Test
  void plainTextNeverGivesASpecialOrUnusedId() {
    // The private-use characters whose ids the specials hold, and the characters around them.
    StringBuilder text = new StringBuilder();
    for (int cp = 0xE000; cp <= 0xF8FF; cp++) text.appendCodePoint(cp);
    text.append("pad s /s unk <0x41> unused_E004");
    for (int id : UNICODE.encodeIds(text.toString())) {
      assertFalse(id >= 0xE000 && id < 0xF800, "id " + Integer.toHexString(id));
    }
  }

  @Test
  void anUnpairedSurrogateIsAnError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UNICODE.encodeIds("ab\uD800c"));
    assertTrue(e.getMessage().contains("unpaired surrogate U+D800"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> UNICODE.encode("\uDFFF"));
  }

  @Test
  void ngramsAreReachedByMergesInLongestFirstOrder() {
    // Ordered: the ell est th he el ll es st -> 0xD800.. ; merges (hand-listed):
    // t+he, th+e, e+ll, el+l, e+st, es+t, t+h, h+e, e+l, l+l, e+s, s+t.
    Tokenizer tok = UnicodeVocabulary.tokenizer(List.of("th", "the", "he", "ell", "el", "ll", "est", "es", "st"));
    assertEquals("the", tok.idToToken(0xD800).orElseThrow());
    assertEquals("st", tok.idToToken(0xD808).orElseThrow());
    // hello: h+e (rank 7) first, then l+l -> he ll o; the: t+h, then th+e; test: e+s, es+t -> t est.
    assertArrayEquals(new int[] {0xD804, 0xD806, 111, 32, 0xD800, 32, 116, 0xD802}, tok.encodeIds("hello the test"));
    assertEquals("hello the test", tok.decode(tok.encodeIds("hello the test")));
  }

  @Test
  void ngramsMustFitAndBeNew() {
    assertThrows(IllegalArgumentException.class, () -> UnicodeVocabulary.tokenizer(List.of("a")));
    assertThrows(IllegalArgumentException.class, () -> UnicodeVocabulary.tokenizer(List.of("ab", "ab")));
    assertThrows(IllegalArgumentException.class, () -> UnicodeVocabulary.tokenizer(List.of("<s>")));
    assertThrows(IllegalArgumentException.class, () -> UnicodeVocabulary.tokenizer(List.of("a\uD83D\uDE00")));
    assertEquals(2048 + 0xF800 - 0xE100 + 1, UnicodeVocabulary.NGRAM_CAPACITY);
    assertEquals(0xFFFF, UnicodeVocabulary.ngramId(UnicodeVocabulary.NGRAM_CAPACITY - 1));
    assertEquals(0xE100, UnicodeVocabulary.ngramId(2048));
  }
}
