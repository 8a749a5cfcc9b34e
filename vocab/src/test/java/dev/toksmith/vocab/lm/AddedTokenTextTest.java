package dev.toksmith.vocab.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.Tokenizers;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.lm.ByteLevelModel;
import dev.toksmith.core.lm.KneserNeyModel;
import dev.toksmith.core.lm.Scoring;
import dev.toksmith.core.lm.TokenBytes;
import dev.toksmith.samples.Samples;
import dev.toksmith.vocab.RealTokenizerFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Scored text that holds the literal text of added tokens, with a tokenizer that has special and
 * non-special ones (Qwen's, DeepSeek's): a special token's text is read as plain text (its
 * characters), a non-special one's as that token, at token level and byte level alike; the two
 * levels agree, and the masks around those texts equal re-encoding's.
 */
class AddedTokenTextTest {
  /** Special tokens' texts, whole and cut short, beside non-special ones of Qwen's and of the files made in the tests. */
  private static final String TEXT = "Answer: <think>yes</think> then <|im_end|>\n<|im_start|>user 思考 <|endoftext|>ok<｜User｜>a<|im_e";

  @Test
  void madeUpQwenShapedFile() {
    check(CanonicalityTest.tokenizer("trained-qwen"), "<think>", "<|im_end|>");
  }

  @Test
  void madeUpDeepSeekShapedFile() {
    check(CanonicalityTest.tokenizer("trained-deepseek"), "<｜User｜>", "<｜end▁of▁sentence｜>");
  }

  @Test
  void realQwen3File() throws IOException {
    check(real("qwen3.json"), "<think>", "<|im_end|>");
  }

  @Test
  void realDeepSeekV3File() throws IOException {
    check(real("deepseek_v3.json"), "<｜User｜>", "<｜end▁of▁sentence｜>");
  }

  private static Tokenizer real(String name) throws IOException {
    Path file = RealTokenizerFiles.directory(Path.of("")).resolve("files").resolve(name);
    Assumptions.assumeTrue(Files.isRegularFile(file), "no " + file + ": vocab/src/test/scripts/fetch-real-tokenizers.sh installs it");
    return Tokenizers.load(file);
  }

  private static void check(Tokenizer tokenizer, String addedText, String specialText) {
    TokenBytes tokens = TokenBytes.of(tokenizer);
    assertTrue(tokens.decidesLocally());
    String text = TEXT + " " + addedText + specialText;
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    int[] ids = tokens.encode(bytes, 0, bytes.length);
    // Plain text: every id has bytes, and they spell the text.
    assertArrayEquals(bytes, tokens.decode(ids, ids.length));
    int added = tokenizer.tokenToId(addedText).orElseThrow();
    int special = tokenizer.tokenToId(specialText).orElseThrow();
    assertTrue(IntStream.of(ids).anyMatch(id -> id == added), "a non-special added token's text is that token");
    assertFalse(IntStream.of(ids).anyMatch(id -> id == special), "a special token's text is its characters");
    assertTrue(tokens.isCanonical(ids));

    List<int[]> texts = new ArrayList<>();
    for (String line : Samples.byName("us-declaration-of-independence").text().split("\n")) {
      byte[] b = line.getBytes(StandardCharsets.UTF_8);
      if (!line.isBlank()) texts.add(tokens.encode(b, 0, b.length));
    }
    KneserNeyModel model = KneserNeyModel.train(texts, 3, tokenizer.idBound(), tokens);
    double tokenBits = Scoring.tokenLevelBits(model, ids);
    double byteBits = Scoring.byteLevelBits(new ByteLevelModel(model, tokens).start(new byte[0]), bytes);
    assertTrue(Double.isFinite(tokenBits), "finite: " + tokenBits);
    assertEquals(tokenBits, byteBits, 1e-9);

    // The masks where the added tokens' texts begin and end, against re-encoding (a few: it re-encodes the vocabulary).
    int checked = 0;
    for (int cut = 1; cut <= ids.length && checked < 8; cut++) {
      int[] context = Arrays.copyOf(ids, cut);
      byte[] before = tokens.decode(context, cut);
      byte last = before[before.length - 1];
      if ((last != '<' && last != '>' && last != '|') || !tokens.isCanonical(context)) continue;
      assertEquals(tokens.validNextByReencoding(context), tokens.validNext(context), () -> "after " + new String(before, StandardCharsets.UTF_8));
      checked++;
    }
    assertTrue(checked >= 3, checked + " masks checked");
  }
}
