package dev.toksmith.vocab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.toksmith.LanguageModelFile;
import dev.toksmith.Tokenizers;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.models.tiktoken.TiktokenTokenizer;
import dev.toksmith.core.pretokenizers.SplitPatterns;
import dev.toksmith.vocab.glyphs.HexFont;
import dev.toksmith.vocab.gpt2.Gpt2Files;
import dev.toksmith.vocab.npy.Npy;
import dev.toksmith.vocab.sentencepiece.SentencePieceFiles;
import dev.toksmith.vocab.tiktoken.RankFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Fuzz tests of every loader: whatever bytes a tokenizer.json, .tiktoken, SentencePiece .model,
 * vocab.json + merges.txt, .lm, .npy or Unifont .hex file holds, loading ends in a loaded object or
 * one IOException with a message (TokenizerFormatException mostly), never another exception, a hang
 * or a huge allocation; and a tokenizer that loads encodes and decodes without anything but its
 * documented IllegalArgumentException / IllegalStateException. Seeds and every crash found are in
 * {@code LoadersFuzzTestInputs/TARGET}; they run in every build, and {@code fuzz/fuzz.sh} fuzzes them.
 */
class LoadersFuzzTest {
  /** Texts every tokenizer that loads must take (or refuse as documented): scripts, emoji, a lone surrogate. */
  private static final List<String> TEXTS = List.of("", "Hello, world!", "  two  spaces\tand a tab\n", "日本語のテキスト", "😀👍🏽 e\u0301",
      "ab\uD800cd", "<s>a</s> [CLS] <|endoftext|>", "0123456789 1,234.5");

  @FuzzTest
  void tokenizerJson(byte[] data) {
    exercise(() -> Tokenizers.load(new ByteArrayInputStream(data), "t.json"));
  }

  @FuzzTest
  void tiktoken(byte[] data) {
    exercise(() -> new TiktokenTokenizer("fuzzed", SplitPatterns.GPT2_TIKTOKEN_REGEX, RankFile.parse(data, "r.tiktoken"), Map.of()));
  }

  @FuzzTest
  void sentencePiece(byte[] data) {
    exercise(() -> SentencePieceFiles.read(data, "m.model"));
  }

  /** vocab.json, a NUL byte, merges.txt. */
  @FuzzTest
  void gpt2Files(byte[] data) {
    int nul = 0;
    while (nul < data.length && data[nul] != 0) nul++;
    byte[] vocab = Arrays.copyOf(data, nul);
    byte[] merges = nul < data.length ? Arrays.copyOfRange(data, nul + 1, data.length) : new byte[0];
    exercise(() -> Gpt2Files.read(new ByteArrayInputStream(vocab), "vocab.json", new ByteArrayInputStream(merges), "merges.txt"));
  }

  @FuzzTest
  void languageModel(byte[] data) {
    try {
      LanguageModelFile.Loaded model = LanguageModelFile.read(new ByteArrayInputStream(data), "m.lm");
      assertTrue(model.model().model().vocabSize() == model.model().tokenizer().idBound() + 1);
    } catch (IOException e) {
      assertMessage(e);
    }
  }

  @FuzzTest
  void npy(byte[] data) {
    try {
      Npy.Array array = Npy.read(new ByteArrayInputStream(data));
      int length = array.ints() != null ? array.ints().length : array.floats().length;
      assertTrue(array.size() == length, "the data holds the shape's elements");
    } catch (IOException e) {
      assertMessage(e);
    }
  }

  @FuzzTest
  void unifontHex(byte[] data) {
    try {
      HexFont font = HexFont.read(new ByteArrayInputStream(data), "u.hex");
      for (int cp : new int[] {'A', 0x3042, 0x1F600}) {
        boolean[] glyph = font.glyph(cp, 32);
        assertTrue(glyph == null || glyph.length == 32 * 32);
      }
    } catch (IOException e) {
      assertMessage(e);
    }
  }

  /** A loader's result. */
  @FunctionalInterface
  private interface Load {
    Tokenizer load() throws IOException;
  }

  /** Loads, then encodes and decodes {@link #TEXTS}; only documented failures are allowed. */
  private static void exercise(Load load) {
    Tokenizer tok;
    try {
      tok = load.load();
    } catch (IOException e) {
      assertMessage(e);
      return;
    }
    for (String text : TEXTS) {
      try {
        int[] ids = tok.encodeIds(text);
        tok.decode(ids);
        tok.tokenTexts(ids);
        int[] raw = tok.encodeBytes(text.getBytes(StandardCharsets.UTF_8));
        tok.decodeBytes(raw, true);
        assertArrayEquals(ids, tok.encode(text).ids(), "the fast path and the full encoding agree");
      } catch (IllegalArgumentException | IllegalStateException e) {
        assertMessage(e);
      }
    }
  }

  private static void assertMessage(Exception e) {
    assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), () -> "a failure without a message: " + e);
  }
}
