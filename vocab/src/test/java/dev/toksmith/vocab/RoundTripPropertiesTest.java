package dev.toksmith.vocab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.toksmith.api.Tokenizer;
import dev.toksmith.api.WordPooledTokenizer;
import dev.toksmith.core.reference.HfReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Property-based round trips for every tokenizer family, over generated Unicode text: ASCII words,
 * Latin with combining sequences, CJK, the supplementary planes (emoji, CJK extension B, mathematical
 * letters), ZWJ emoji sequences with variation selectors and skin tones, right-to-left Hebrew and
 * Arabic with their marks and direction marks, digits, and white space of every kind.
 *
 * <p>Lossless families give the text back exactly: tiktoken encodings, byte-level BPE tokenizer.json
 * files, Llama-2-style BPE with byte fallback, the Unicode-glyph tokenizer and word-pooled units
 * (bytes and code points), also through raw bytes where they take them. Families that normalize cannot:
 * BERT's WordPiece and T5's and XLM-R's Unigram give Hugging Face's ids and decoded text, and
 * SentencePiece models decode to text that re-encodes to the same ids.
 */
class RoundTripPropertiesTest {
  private static final Map<String, Tokenizer> LOADED = new ConcurrentHashMap<>();

  private static Tokenizer tokenizer(String spec) {
    return LOADED.computeIfAbsent(spec, s -> {
      try {
        return s.contains("/") ? Tokenizers.load(Path.of(s)) : Tokenizers.load(s);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  @Provide
  Arbitrary<String> unicodeText() {
    Arbitrary<String> ascii = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(8);
    Arbitrary<String> combining = Arbitraries.of("e\u0301", "a\u0308\u0304", "n\u0303", "\u1E9B\u0323", "o\u0328\u0301", "\u0915\u094D\u0937", "\u0E01\u0E34\u0E4A");
    Arbitrary<String> cjk = Arbitraries.strings().withCharRange('\u4E00', '\u9FFF').withCharRange('\u3040', '\u30FF').ofMinLength(1).ofMaxLength(6);
    Arbitrary<String> supplementary = Arbitraries.integers().between(0x10000, 0x10FFFF)
        .filter(cp -> Character.getType(cp) != Character.UNASSIGNED && Character.getType(cp) != Character.PRIVATE_USE)
        .map(Character::toString);
    Arbitrary<String> emoji = Arbitraries.of("\uD83D\uDE00", "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67\u200D\uD83D\uDC66", "\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08",
        "\uD83D\uDC4D\uD83C\uDFFD", "\u2764\uFE0F", "\uD83E\uDDD1\uD83C\uDFFE\u200D\uD83D\uDCBB", "\uD83C\uDDE9\uD83C\uDDEA", "#\uFE0F\u20E3");
    Arbitrary<String> rightToLeft = Arbitraries.of("\u05E9\u05DC\u05D5\u05DD", "\u05D1\u05BC\u05B0\u05E8\u05B5\u05D0\u05E9\u05B4\u05C1\u05D9\u05EA",
        "\u0627\u0644\u0633\u0644\u0627\u0645", "\u0645\u064F\u062D\u064E\u0645\u0651\u064E\u062F", "\u200F\u05D0\u200E", "\u202Babc\u202C", "\u0661\u0662\u0663");
    Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(7);
    Arbitrary<String> space = Arbitraries.of(" ", " ", " ", "  ", "\t", "\n", "\r\n", "\u00A0", "\u3000", "\u2028", "");
    Arbitrary<String> piece = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, ascii), net.jqwik.api.Tuple.of(2, combining), net.jqwik.api.Tuple.of(2, cjk), net.jqwik.api.Tuple.of(2, supplementary),
        net.jqwik.api.Tuple.of(2, emoji), net.jqwik.api.Tuple.of(2, rightToLeft), net.jqwik.api.Tuple.of(2, digits), net.jqwik.api.Tuple.of(4, space),
        net.jqwik.api.Tuple.of(1, Arbitraries.of(".", ",", "!", "'s", "--", "\u2014", "\u00BF", "(", ")", "\"")));
    return piece.list().ofMaxSize(24).map(parts -> String.join("", parts));
  }

  private static void assertLossless(Tokenizer tok, String text) {
    assertEquals(text, tok.decode(tok.encodeIds(text)));
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(bytes, tok.decodeBytes(tok.encodeBytes(bytes), false));
  }

  @Property(tries = 300)
  void tiktokenEncodingsAreLossless(@ForAll("unicodeText") String text) {
    for (String name : List.of("r50k_base", "cl100k_base", "o200k_base")) assertLossless(tokenizer(name), text);
  }

  @Property(tries = 300)
  void byteLevelBpeFilesAreLossless(@ForAll("unicodeText") String text) {
    assertLossless(tokenizer("src/test/resources/families/roberta.json"), text);
  }

  @Property(tries = 300)
  void llamaStyleByteFallbackIsLossless(@ForAll("unicodeText") String text) {
    assertEquals(text, tokenizer("src/test/resources/families/llama2.json").decode(tokenizer("src/test/resources/families/llama2.json").encodeIds(text)));
  }

  @Property(tries = 300)
  void theUnicodeGlyphTokenizerIsLossless(@ForAll("unicodeText") String text) {
    assertLossless(tokenizer("unicode"), text);
  }

  @Property(tries = 300)
  void wordPooledUnitsAreLossless(@ForAll("unicodeText") String text) {
    for (WordPooledTokenizer pooled : List.of(WordPooledTokenizer.bytes(6, 2), WordPooledTokenizer.codePoints(3, 0))) {
      assertEquals(text, pooled.decode(pooled.encode(text)));
    }
  }

  /**
   * Families that normalize cannot give the text back; their ids and their decoded text are those of
   * Hugging Face (through DJL), whatever the text.
   */
  @Property(tries = 200)
  void normalizingFamiliesEncodeAndDecodeAsHuggingFace(@ForAll("unicodeText") String text) throws IOException {
    for (String file : List.of("bert-uncased.json", "t5.json", "xlm-roberta.json")) {
      Tokenizer tok = tokenizer("src/test/resources/families/" + file);
      HfReference hf = REFERENCES.computeIfAbsent(file, f -> HfReference.load(read("src/test/resources/families/" + f)));
      long[] expected = hf.encode(text).ids();
      int[] ids = tok.encodeIds(text);
      assertArrayEquals(expected, Arrays.stream(ids).asLongStream().toArray(), file);
      assertEquals(hf.decode(expected, false), tok.decode(ids), file);
    }
  }

  /**
   * SentencePiece models normalize too (NFKC, collapsed white space): text without unknown pieces
   * decodes to text that encodes to the same ids.
   */
  @Property(tries = 200)
  void sentencePieceModelsDecodeStably(@ForAll("unicodeText") String text) {
    for (String model : List.of("unigram.model", "bpe.model")) {
      Tokenizer tok = tokenizer("src/test/resources/sentencepiece/" + model);
      int[] ids = tok.encodeIds(text);
      int unknown = tok.tokenToId("<unk>").orElse(-1);
      if (Arrays.stream(ids).anyMatch(id -> id == unknown)) continue;
      assertArrayEquals(ids, tok.encodeIds(tok.decode(ids)), model);
    }
  }

  private static final Map<String, HfReference> REFERENCES = new ConcurrentHashMap<>();

  @AfterContainer
  static void closeReferences() {
    REFERENCES.values().forEach(HfReference::close);
    REFERENCES.clear();
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
