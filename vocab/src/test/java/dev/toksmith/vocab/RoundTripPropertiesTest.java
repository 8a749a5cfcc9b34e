package dev.toksmith.vocab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.toksmith.Tokenizers;
import dev.toksmith.WordPooledTokenizers;
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
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * Property-based round trips for every tokenizer family, over generated Unicode text ({@link
 * UnicodeText}: ASCII words, Latin with combining sequences, CJK, the supplementary planes, ZWJ emoji
 * sequences, right-to-left Hebrew and Arabic with their marks, digits, white space of every kind).
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

  /** Seeds of the generated texts: toksmith.properties.seed picks another run (a failure names its seed). */
  private static final long SEED = Long.getLong("toksmith.properties.seed", 0x70C5_5317L);

  /**
   * Runs {@code property} on {@code tries} texts generated from {@link #SEED}; a failure names the
   * text (escaped) and how to generate it again.
   */
  private static void forAllTexts(int tries, ThrowingConsumer<String> property) throws Throwable {
    for (int i = 0; i < tries; i++) {
      String text = UnicodeText.generate(new SplittableRandom(SEED + i));
      try {
        property.accept(text);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("text " + i + " of seed " + SEED + " (-Dtoksmith.properties.seed=" + SEED + "): " + escaped(text), e);
      }
    }
  }

  private static String escaped(String text) {
    StringBuilder out = new StringBuilder("\"");
    text.codePoints().forEach(cp -> out.append(cp >= 0x20 && cp < 0x7F && cp != '\\' && cp != '"' ? Character.toString(cp) : String.format("\\u{%X}", cp)));
    return out.append('"').toString();
  }

  private static void assertLossless(Tokenizer tok, String text) {
    assertEquals(text, tok.decode(tok.encodeIds(text)));
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(bytes, tok.decodeBytes(tok.encodeBytes(bytes), false));
  }

  @Test
  void tiktokenEncodingsAreLossless() throws Throwable {
    forAllTexts(300, text -> {
      for (String name : List.of("r50k_base", "cl100k_base", "o200k_base")) assertLossless(tokenizer(name), text);
    });
  }

  @Test
  void byteLevelBpeFilesAreLossless() throws Throwable {
    forAllTexts(300, text -> assertLossless(tokenizer("src/test/resources/families/roberta.json"), text));
  }

  @Test
  void llamaStyleByteFallbackIsLossless() throws Throwable {
    Tokenizer llama = tokenizer("src/test/resources/families/llama2.json");
    forAllTexts(300, text -> assertEquals(text, llama.decode(llama.encodeIds(text))));
  }

  @Test
  void theUnicodeGlyphTokenizerIsLossless() throws Throwable {
    forAllTexts(300, text -> assertLossless(tokenizer("unicode"), text));
  }

  @Test
  void wordPooledUnitsAreLossless() throws Throwable {
    forAllTexts(300, text -> {
      for (WordPooledTokenizer pooled : List.of(WordPooledTokenizers.bytes(6, 2), WordPooledTokenizers.codePoints(3, 0))) {
        assertEquals(text, pooled.decode(pooled.encode(text)));
      }
    });
  }

  /**
   * Families that normalize cannot give the text back; their ids and their decoded text are those of
   * Hugging Face (through DJL), whatever the text.
   */
  @Test
  void normalizingFamiliesEncodeAndDecodeAsHuggingFace() throws Throwable {
    forAllTexts(200, text -> {
      for (String file : List.of("bert-uncased.json", "t5.json", "xlm-roberta.json")) {
        Tokenizer tok = tokenizer("src/test/resources/families/" + file);
        HfReference hf = REFERENCES.computeIfAbsent(file, f -> HfReference.load(read("src/test/resources/families/" + f)));
        long[] expected = hf.encode(text).ids();
        int[] ids = tok.encodeIds(text);
        assertArrayEquals(expected, Arrays.stream(ids).asLongStream().toArray(), file);
        assertEquals(hf.decode(expected, false), tok.decode(ids), file);
      }
    });
  }

  /**
   * SentencePiece models normalize too (NFKC, collapsed white space): text without unknown pieces
   * decodes to text that encodes to the same ids.
   */
  @Test
  void sentencePieceModelsDecodeStably() throws Throwable {
    forAllTexts(200, text -> {
      for (String model : List.of("unigram.model", "bpe.model")) {
        Tokenizer tok = tokenizer("src/test/resources/sentencepiece/" + model);
        int[] ids = tok.encodeIds(text);
        int unknown = tok.tokenToId("<unk>").orElse(-1);
        if (Arrays.stream(ids).anyMatch(id -> id == unknown)) continue;
        assertArrayEquals(ids, tok.encodeIds(tok.decode(ids)), model);
      }
    });
  }

  private static final Map<String, HfReference> REFERENCES = new ConcurrentHashMap<>();

  @AfterAll
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
