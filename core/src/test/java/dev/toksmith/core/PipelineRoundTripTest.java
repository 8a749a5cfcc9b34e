package dev.toksmith.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.api.Encoding;
import dev.toksmith.core.decoders.ByteLevelDecoder;
import dev.toksmith.core.models.ByteLevelAlphabet;
import dev.toksmith.core.models.bpe.BpeModel;
import dev.toksmith.core.models.bpe.BpeOptions;
import dev.toksmith.core.models.bpe.BpeTrainer;
import dev.toksmith.core.pretokenizers.ByteLevel;
import it.unimi.dsi.fastutil.objects.Object2LongOpenHashMap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Property tests: whatever the text, encoding then decoding gives it back. */
class PipelineRoundTripTest {
  private static Pipeline tokenizer;

  @BeforeAll
  static void train() {
    // A small byte-level BPE learned from mixed-script text, with a special token.
    String corpus = "The quick brown fox jumps over the lazy dog. Да здравствует мир! 世界你好 こんにちは 😀👍 naïve café e\u0301\n".repeat(20);
    Object2LongOpenHashMap<String> words = new Object2LongOpenHashMap<>();
    dev.toksmith.core.pretokenizers.Gpt2Pattern.INSTANCE.findMatches(corpus, (s, e) -> words.addTo(ByteLevelAlphabet.spell(corpus.substring(s, e).getBytes(StandardCharsets.UTF_8)), 1));
    List<String> alphabet = new ArrayList<>();
    for (int b = 0; b < 256; b++) alphabet.add(String.valueOf(ByteLevelAlphabet.charOf(b)));
    BpeTrainer.Result r = new BpeTrainer(600, 2, List.of("<|end|>"), alphabet).train(BpeTrainer.Words.of(words), (d, t) -> {});
    tokenizer = new Pipeline(null, new ByteLevel(false, true, true), new BpeModel(r.vocab(), r.merges(), BpeOptions.BYTE_LEVEL), null, ByteLevelDecoder.INSTANCE, List.of(AddedToken.special("<|end|>")));
  }

  private static String randomText(Random random, int length) {
    StringBuilder sb = new StringBuilder();
    String[] atoms = {" ", "  ", "\n", "\r\n", "\t", "e\u0301", "\u0308", "中", "語", "😀", "👨‍👩‍👧", "\uD800", "\uDFFF", "<|end|>", "<|en", "'s", "٣", "\u0000", "\uFFFD"};
    for (int i = 0; i < length; i++) {
      switch (random.nextInt(5)) {
        case 0 -> sb.append((char) (0x20 + random.nextInt(0x5F)));
        case 1 -> sb.append(atoms[random.nextInt(atoms.length)]);
        case 2 -> sb.appendCodePoint(random.nextInt(0x110000));
        case 3 -> sb.append((char) random.nextInt(0x10000));
        default -> sb.appendCodePoint(0x4E00 + random.nextInt(0x5000));
      }
    }
    return sb.toString();
  }

  /**
   * With no special token allowed, a special token's text is plain text: the ids are those of the
   * same model with no added tokens at all, and the text comes back in their decoding.
   */
  @Test
  void withoutAllowedSpecialsReadsSpecialTokensAsText() {
    Pipeline plain = new Pipeline(null, new ByteLevel(false, true, true), tokenizer.model(), null, ByteLevelDecoder.INSTANCE, List.of());
    int special = tokenizer.addedVocabulary().idOf("<|end|>");
    Random random = new Random(5);
    for (int i = 0; i < 200; i++) {
      String text = randomText(random, 1 + random.nextInt(30)) + "<|end|>" + randomText(random, random.nextInt(10));
      int[] ids = tokenizer.withAllowedSpecial(java.util.Set.of()).encodeIds(text);
      assertArrayEquals(plain.encodeIds(text), ids, text);
      for (int id : ids) assertTrue(id != special, text);
      assertTrue(new String(tokenizer.withAllowedSpecial(java.util.Set.of()).decodeBytes(ids, false), StandardCharsets.UTF_8).contains("<|end|>"), text);
    }
    assertTrue(java.util.Arrays.stream(tokenizer.encodeIds("a<|end|>b")).anyMatch(id -> id == special), "the full pipeline matches it");
    assertTrue(plain.withAllowedSpecial(java.util.Set.of()) == plain, "a pipeline without added tokens allows none already");
  }

  @Test
  void decodeInvertsEncodeForEveryString() {
    Random random = new Random(11);
    for (int i = 0; i < 3000; i++) {
      String text = randomText(random, random.nextInt(40));
      int[] ids = tokenizer.encodeIds(text);
      assertEquals(text, tokenizer.decode(ids));
      Encoding e = tokenizer.encode(text);
      assertArrayEquals(ids, e.ids());
      assertEquals(text, String.join("", tokenizer.tokenTexts(ids)));
      for (int k = 0; k < e.size(); k++) {
        assertTrue(e.start(k) >= 0 && e.start(k) <= e.end(k) && e.end(k) <= text.length(), "offsets in range");
        // Tokens sharing a split character overlap, but starts never go back.
        assertTrue(k == 0 || e.start(k) >= e.start(k - 1), "offsets in order");
      }
    }
  }

  @Test
  void emptyAndVeryLongLines() {
    assertArrayEquals(new int[0], tokenizer.encodeIds(""));
    assertEquals("", tokenizer.decode(new int[0]));
    String longWord = "abcdefghij".repeat(100_000);
    assertEquals(longWord, tokenizer.decode(tokenizer.encodeIds(longWord)));
    String longMixed = randomText(new Random(3), 200_000);
    assertEquals(longMixed, tokenizer.decode(tokenizer.encodeIds(longMixed)));
  }

  @Test
  void rawBytesRoundTripExactly() {
    Random random = new Random(12);
    for (int i = 0; i < 3000; i++) {
      byte[] bytes = new byte[random.nextInt(50)];
      random.nextBytes(bytes);
      assertArrayEquals(bytes, tokenizer.decodeBytes(tokenizer.encodeBytes(bytes), false));
    }
    String text = randomText(new Random(13), 500).replaceAll("[\\uD800-\\uDFFF]", "");
    assertArrayEquals(tokenizer.encodeIds(text), tokenizer.encodeBytes(text.getBytes(StandardCharsets.UTF_8)), "valid UTF-8 encodes as its text does");
  }

  @Test
  void specialTokensAreMatchedAndCanBeSkipped() {
    int end = tokenizer.tokenToId("<|end|>").orElseThrow();
    int[] ids = tokenizer.encodeIds("a<|end|>b");
    assertEquals(3, ids.length);
    assertEquals(end, ids[1]);
    assertEquals("ab", tokenizer.decode(ids, true));
    assertTrue(tokenizer.isSpecialToken(end));
  }

  @Test
  void unknownIdsAreErrorsNamingTheId() {
    var e = assertThrows(IllegalArgumentException.class, () -> tokenizer.decode(new int[] {1, 99_999}));
    assertTrue(e.getMessage().contains("99999"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> tokenizer.decodeBytes(new int[] {-1}, false));
  }
}
