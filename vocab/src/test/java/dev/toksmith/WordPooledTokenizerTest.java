package dev.toksmith;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.api.ReadProgress;
import dev.toksmith.api.WordPooledBatch;
import dev.toksmith.api.WordPooledEncoding;
import dev.toksmith.api.WordPooledTokenizer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WordPooledTokenizerTest {
  private static final int BYTE_PAD = 256;
  private static final int CODE_POINT_PAD = 0x110000;

  @Test
  void bytesLayoutWithASlotAndAContinuationChunk() {
    WordPooledTokenizer tok = WordPooledTokenizers.bytes(3, 1);
    WordPooledEncoding e = tok.encode("ab cde,");
    // Words "ab", " cde" (4 bytes: cut into 3 + 1), ","; slot id 257, pad 256.
    assertArrayEquals(new int[] {257, 97, 98, 256, 257, 32, 99, 100, 257, 101, 256, 256, 257, 44, 256, 256}, e.ids());
    assertArrayEquals(new int[] {2, 3, 1, 1}, e.lengths());
    assertArrayEquals(new int[] {0, 0, 1, 0}, e.continuation());
    assertEquals(4, e.width());
    assertEquals(258, tok.idBound());
    assertEquals("ab cde,", tok.decode(e));
    assertEquals("WordPooledEncoding[width=4, rows=[[257, 97, 98, 256], [257, 32, 99, 100], [257, 101, 256, 256], [257, 44, 256, 256]], "
        + "lengths=[2, 3, 1, 1], continuation=[0, 0, 1, 0]]", e.toString());
    assertEquals(e, tok.encode("ab cde,"), "equal contents are equal encodings");
    assertEquals(e.hashCode(), tok.encode("ab cde,").hashCode());
    WordPooledBatch batch = tok.encodeBatch(List.of("ab", "ab cde,"));
    assertEquals(batch, tok.encodeBatch(List.of("ab", "ab cde,")));
    assertTrue(batch.toString().startsWith("WordPooledBatch[2 texts x 4 rows x 4, ids=[257, 97, 98, 256, 256, "), batch.toString());
  }

  @Test
  void codePointsUseTheCodePointAsIdAndPadPastTheRange() {
    WordPooledTokenizer tok = WordPooledTokenizers.codePoints(2, 0);
    WordPooledEncoding e = tok.encode("é😀");
    assertArrayEquals(new int[] {0xE9, CODE_POINT_PAD, 0x1F600, CODE_POINT_PAD}, e.ids());
    assertArrayEquals(new int[] {1, 1}, e.lengths());
    assertEquals("é😀", tok.decode(e));
  }

  @Test
  void aLongWordBecomesFlaggedChunksAndDecodesWhole() {
    WordPooledTokenizer tok = WordPooledTokenizers.codePoints(2, 0);
    WordPooledEncoding e = tok.encode("abcde");
    assertArrayEquals(new int[] {'a', 'b', 'c', 'd', 'e', CODE_POINT_PAD}, e.ids());
    assertArrayEquals(new int[] {2, 2, 1}, e.lengths());
    assertArrayEquals(new int[] {0, 1, 1}, e.continuation());
    assertEquals("abcde", tok.decode(e));
    // A 4-byte character cut between rows of bytes is put together again.
    WordPooledTokenizer bytes = WordPooledTokenizers.bytes(3, 0);
    // "x𝔸" is one word (U+1D538 is a letter) of 1 + 4 bytes.
    WordPooledEncoding cut = bytes.encode("x𝔸");
    assertArrayEquals(new int[] {3, 2}, cut.lengths());
    assertArrayEquals(new int[] {0, 1}, cut.continuation());
    assertEquals("x𝔸", bytes.decode(cut));
  }

  @Test
  void charVocabularyFallsBackToBytes() {
    WordPooledTokenizer tok = WordPooledTokenizers.chars(CharVocabulary.of('a', 'b'), 4, 0);
    WordPooledEncoding e = tok.encode("ab€");
    // "ab" -> 256, 257; "€" (a symbol, its own word) is not in the vocabulary: E2 82 AC.
    assertArrayEquals(new int[] {256, 257, 258, 258, 226, 130, 172, 258}, e.ids());
    assertEquals(258, tok.padId());
    assertEquals("ab€", tok.decode(e));
  }

  @Test
  void subwordsOfTheVocabularyAsABpeTokenizerGiveTheSameIds() {
    CharVocabulary vocabulary = CharVocabulary.of('a', 'b', ' ', 'é');
    WordPooledTokenizer chars = WordPooledTokenizers.chars(vocabulary, 3, 2);
    WordPooledTokenizer subwords = WordPooledTokenizers.subwords(vocabulary.asTokenizer(), 3, 2);
    String text = "abba é, ça  va 😀";
    assertEquals(chars.padId(), subwords.padId());
    assertArrayEquals(chars.encode(text).ids(), subwords.encode(text).ids());
    assertEquals(text, subwords.decode(subwords.encode(text)));
  }

  @Test
  void trainingKeepsTheMostFrequentCharactersTiesByCodePoint() throws Exception {
    Corpus corpus = Corpus.ofSources(List.of(new Corpus.Source("t", () -> new ByteArrayInputStream("aab\n".getBytes(StandardCharsets.UTF_8)))));
    CharVocabulary v = CharVocabulary.train(corpus, 258, 1, ReadProgress.NONE);
    assertArrayEquals(new int[] {'a', '\n'}, v.characters());
    assertEquals(v, CharVocabulary.fromTokenizer(v.asTokenizer()));
    assertArrayEquals(new int[] {256, 'b'}, v.asTokenizer().encodeIds("ab"));
    assertArrayEquals(new int[] {'a'}, CharVocabulary.train(corpus, 258, 2, ReadProgress.NONE).characters());
    assertThrows(IllegalArgumentException.class, () -> CharVocabulary.train(corpus, 255, 1, ReadProgress.NONE));
  }

  @Test
  void batchesPadToTheLongestTextWithAMask() {
    WordPooledTokenizer tok = WordPooledTokenizers.bytes(2, 0);
    WordPooledBatch batch = tok.encodeBatch(List.of("a b", "", "c"));
    assertEquals(3, batch.texts());
    assertEquals(2, batch.words());
    assertArrayEquals(new int[] {97, 256, 32, 98, 256, 256, 256, 256, 99, 256, 256, 256}, batch.ids());
    assertArrayEquals(new int[] {1, 2, 0, 0, 1, 0}, batch.lengths());
    assertArrayEquals(new int[] {1, 1, 0, 0, 1, 0}, batch.mask());
    assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0}, batch.continuation());
    assertEquals(List.of("a b", "", "c"), tok.decodeBatch(batch));
  }

  @Test
  void decodeRejectsWhatTheLayoutDoesNotAllow() {
    WordPooledTokenizer tok = WordPooledTokenizers.bytes(2, 1);
    int[] lengths = {1};
    int[] flags = {0};
    assertEquals("a", tok.decode(new WordPooledEncoding(3, new int[] {257, 97, 256}, lengths, flags)));
    assertThrows(IllegalArgumentException.class, () -> tok.decode(new WordPooledEncoding(3, new int[] {256, 97, 256}, lengths, flags)));
    assertThrows(IllegalArgumentException.class, () -> tok.decode(new WordPooledEncoding(3, new int[] {257, 256, 256}, lengths, flags)));
    assertThrows(IllegalArgumentException.class, () -> tok.decode(new WordPooledEncoding(3, new int[] {257, 97, 98}, lengths, flags)));
    assertThrows(IllegalArgumentException.class, () -> tok.decode(new WordPooledEncoding(3, new int[] {257, 97, 256}, new int[] {0}, flags)));
    assertThrows(IllegalArgumentException.class, () -> tok.decode(new WordPooledEncoding(3, new int[] {257, 97, 256}, lengths, new int[] {1})));
    assertThrows(IllegalArgumentException.class, () -> tok.decode(new WordPooledEncoding(2, new int[] {257, 97}, lengths, flags)));
    WordPooledBatch badPadding = new WordPooledBatch(1, 2, 3, new int[] {257, 97, 256, 256, 256, 97}, new int[] {1, 0}, new int[] {0, 0}, new int[] {1, 0});
    assertThrows(IllegalArgumentException.class, () -> tok.decodeBatch(badPadding));
  }

  @Test
  void randomUnicodeRoundTripsAndThePadNeverCollides() {
    Random random = new Random(7);
    CharVocabulary vocabulary = CharVocabulary.of("abcdefghij ,.\n日本éあ".codePoints().toArray());
    List<WordPooledTokenizer> tokenizers = List.of(
        WordPooledTokenizers.bytes(4, 0), WordPooledTokenizers.bytes(1, 3), WordPooledTokenizers.codePoints(3, 4),
        WordPooledTokenizers.chars(vocabulary, 5, 1), WordPooledTokenizers.subwords(vocabulary.asTokenizer(), 2, 0));
    for (int round = 0; round < 300; round++) {
      String text = randomText(random, round % 3 == 0);
      for (WordPooledTokenizer tok : tokenizers) {
        assertEquals(text, String.join("", tok.words(text)));
        // Hugging Face style BPE cannot take unpaired surrogates; the other kinds can.
        if (tok != tokenizers.get(4) || !hasLoneSurrogate(text)) {
          WordPooledEncoding e = tok.encode(text);
          assertEquals(text, tok.decode(e), () -> tok.describeUnits() + " on " + escape(text));
          assertPadNeverCollides(tok, e);
        }
      }
    }
  }

  private static void assertPadNeverCollides(WordPooledTokenizer tok, WordPooledEncoding e) {
    for (int k = 0; k < e.words(); k++) {
      int[] row = e.row(k);
      for (int p = 0; p < row.length; p++) {
        int id = row[p];
        if (p < tok.slots()) assertEquals(tok.padId() + 1 + p, id);
        else if (p < tok.slots() + e.lengths()[k]) assertTrue(id >= 0 && id < tok.padId(), "unit " + id + " vs pad " + tok.padId());
        else assertEquals(tok.padId(), id);
      }
    }
  }

  private static String randomText(Random random, boolean withLoneSurrogates) {
    StringBuilder sb = new StringBuilder();
    int n = random.nextInt(40);
    String common = " \t\n\r,.!?()'\"-\u00A0\u3000";
    for (int i = 0; i < n; i++) {
      int pick = random.nextInt(10);
      if (pick < 3) {
        sb.append(common.charAt(random.nextInt(common.length())));
      } else if (pick < 5) {
        sb.append((char) ('a' + random.nextInt(26)));
      } else if (pick == 5 && withLoneSurrogates) {
        sb.append((char) (0xD800 + random.nextInt(0x800)));
      } else {
        int cp;
        do {
          cp = random.nextInt(Character.MAX_CODE_POINT + 1);
        } while (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
        sb.appendCodePoint(cp);
      }
    }
    return sb.toString();
  }

  private static boolean hasLoneSurrogate(String s) {
    return s.codePoints().anyMatch(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
  }

  private static String escape(String s) {
    StringBuilder sb = new StringBuilder();
    s.codePoints().forEach(cp -> sb.append(String.format("U+%04X ", cp)));
    return sb.toString();
  }
}
