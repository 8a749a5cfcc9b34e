package dev.toksmith;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.api.DomainTrainingResult;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.Pipeline;
import dev.toksmith.core.models.ByteLevelAlphabet;
import dev.toksmith.core.models.bpe.BpeModel;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DomainBpeTrainerTest {
  private static final String TEXT = String.join("\n",
      "Pursuant to 28 U.S.C. 1331, the district court has jurisdiction over the claim (a) and the counterclaim (b).",
      "In 1789 the Congress of the United States passed the Judiciary Act; see Marbury v. Madison, 5 U.S. 137 (1803).",
      "The court held that the statute, as amended in 1996, applies to every claim filed after the effective date.",
      "Section 230(c)(1) provides that no provider shall be treated as the publisher of information.",
      "");

  private static Corpus corpus() {
    byte[] bytes = TEXT.repeat(20).getBytes(StandardCharsets.UTF_8);
    return Corpus.ofSources(List.of(new Corpus.Source("legal", () -> new ByteArrayInputStream(bytes))));
  }

  private static DomainTrainingResult train(DomainBpeTrainer.Builder settings) throws Exception {
    return settings.build().train(corpus());
  }

  @Test
  void specialTokensHoldIds0To12() throws Exception {
    Tokenizer t = train(DomainBpeTrainer.kl3m().vocabSize(2500)).tokenizer();
    List<String> expected = List.of("<|start|>", "<|end|>", "<|pad|>", "<|unk|>", "<|sep|>", "<|cls|>", "<|mask|>",
        "<|system|>", "</|system|>", "<|user|>", "</|user|>", "<|instruction|>", "</|instruction|>");
    for (int id = 0; id < expected.size(); id++) {
      assertEquals(expected.get(id), t.idToToken(id).orElseThrow());
      assertTrue(t.isSpecialToken(id));
    }
    assertFalse(t.isSpecialToken(13));
    assertArrayEquals(new int[] {7}, t.encodeIds("<|system|>"));
  }

  @Test
  void theVocabularyHasExactlyTheSizeAskedFor() throws Exception {
    for (int size : List.of(2100, 2500, 3000)) {
      DomainTrainingResult r = train(DomainBpeTrainer.kl3m().vocabSize(size));
      assertEquals(size, r.tokenizer().vocabSize(), "size " + size);
    }
  }

  @Test
  void paddingReachesTheNextPowerOfTwoAndAPowerOfTwoStays() throws Exception {
    DomainTrainingResult padded = train(DomainBpeTrainer.kl3m().vocabSize(2500).padToPowerOfTwo(true));
    assertEquals(4096, padded.tokenizer().vocabSize());
    DomainTrainingResult unpadded = train(DomainBpeTrainer.kl3m().vocabSize(2500));
    assertEquals(4096 - 2500, padded.padding() - unpadded.padding(), "this corpus needs padding to reach 2500 already");
    DomainTrainingResult exact = train(DomainBpeTrainer.kl3m().vocabSize(2048).padToPowerOfTwo(true));
    assertEquals(2048, exact.tokenizer().vocabSize());
    assertEquals(0, exact.padding());
  }

  @Test
  void customTokensAreAddedTokensCutOutBeforeSplitting() throws Exception {
    DomainTrainingResult r = train(DomainBpeTrainer.kl3m().vocabSize(2500).domainTerms(List.of("F. Supp. 2d")).customTokens(List.of("res judicata")));
    Tokenizer t = r.tokenizer();
    assertEquals(1, t.encodeIds("1776").length);
    assertEquals(1, t.encodeIds("(iv)").length);
    assertEquals(1, t.encodeIds("Supp.").length);
    assertEquals(1, t.encodeIds("res judicata").length);
    int id = t.encodeIds("2049")[0];
    assertFalse(t.isSpecialToken(id));
    assertEquals("The quick 1776 (a) F. Supp. 2d", t.decode(t.encodeIds("The quick 1776 (a) F. Supp. 2d")));
  }

  @Test
  void uncasedLowercasesTextAndCustomTokens() throws Exception {
    Tokenizer t = train(DomainBpeTrainer.kl3m().vocabSize(2500).lowercase(true)).tokenizer();
    assertEquals("<div class", t.decode(t.encodeIds("<DIV CLASS")));
    assertTrue(t.tokenToId("<DIV").isEmpty());
  }

  @Test
  void tooSmallAVocabularyIsRefusedBeforeTraining() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DomainBpeTrainer.kl3m().vocabSize(1000).build());
    assertTrue(e.getMessage().contains("custom tokens"), e.getMessage());
  }

  @Test
  void settingsSharedWithTheByteLevelTrainerReachIt() {
    // These used to be dropped when the settings were copied at build time: --threads had no effect.
    IllegalArgumentException threads = assertThrows(IllegalArgumentException.class, () -> DomainBpeTrainer.kl3m().threads(0).build());
    assertTrue(threads.getMessage().contains("threads"), threads.getMessage());
    IllegalArgumentException frequency = assertThrows(IllegalArgumentException.class, () -> DomainBpeTrainer.kl3mChar().minFrequency(-1).build());
    assertTrue(frequency.getMessage().contains("minimum frequency"), frequency.getMessage());
  }

  @Test
  void characterTokenizerHasTheSizeShortTokensAndEveryByte() throws Exception {
    DomainTrainingResult r = train(DomainBpeTrainer.kl3mChar().vocabSize(4096));
    Tokenizer t = r.tokenizer();
    assertEquals(4096, t.vocabSize());
    assertEquals("<|start|>", t.idToToken(0).orElseThrow());
    assertEquals("</|instruction|>", t.idToToken(12).orElseThrow());
    assertTrue(r.padding() > 0, "this small corpus leaves room for padding");
    BpeModel model = (BpeModel) ((Pipeline) t).model();
    int longest = 0;
    for (String token : model.vocabulary().tokensInIdOrder()) {
      if (!token.startsWith("<|") && !token.startsWith("</|")) longest = Math.max(longest, token.length());
    }
    assertEquals(3, longest, "tokens of at most 3 byte symbols, and this corpus has 3-byte ones");
    for (int b = 0; b < 256; b++) assertTrue(model.vocabulary().id(String.valueOf(ByteLevelAlphabet.charOf(b))) >= 13, "byte " + b);
    byte[] everyByte = new byte[256];
    for (int b = 0; b < 256; b++) everyByte[b] = (byte) b;
    assertArrayEquals(everyByte, t.decodeBytes(t.encodeBytes(everyByte), false));
  }

  @Test
  void characterPresetRefusesWhatItDoesNotTakeNamingNoCommandLineOption() {
    for (int size : List.of(0, 2048, 5000, 32768)) {
      DomainBpeTrainer.PresetLimitException e =
          assertThrows(DomainBpeTrainer.PresetLimitException.class, () -> DomainBpeTrainer.kl3mChar().vocabSize(size).build());
      assertEquals(DomainBpeTrainer.PresetLimitException.Limit.VOCAB_SIZE, e.limit());
      assertTrue(e.getMessage().contains("4096, 8192 or 16384, not " + size), e.getMessage());
      assertFalse(e.getMessage().contains("--"), e.getMessage());
    }
    assertEquals(DomainBpeTrainer.PresetLimitException.Limit.CUSTOM_TOKENS,
        assertThrows(DomainBpeTrainer.PresetLimitException.class, () -> DomainBpeTrainer.kl3mChar().customTokens(List.of()).build()).limit());
    assertEquals(DomainBpeTrainer.PresetLimitException.Limit.CUSTOM_TOKENS,
        assertThrows(DomainBpeTrainer.PresetLimitException.class, () -> DomainBpeTrainer.kl3mChar().domainTerms(List.of("F. Supp.")).build()).limit());
    assertEquals(DomainBpeTrainer.PresetLimitException.Limit.PADDING,
        assertThrows(DomainBpeTrainer.PresetLimitException.class, () -> DomainBpeTrainer.kl3mChar().padToPowerOfTwo(true).build()).limit());
    // Reported in this order when several are broken: custom tokens, padding, size.
    assertEquals(DomainBpeTrainer.PresetLimitException.Limit.CUSTOM_TOKENS, assertThrows(DomainBpeTrainer.PresetLimitException.class,
        () -> DomainBpeTrainer.kl3mChar().vocabSize(5).padToPowerOfTwo(true).customTokens(List.of("x")).build()).limit());
    assertEquals(DomainBpeTrainer.PresetLimitException.Limit.PADDING,
        assertThrows(DomainBpeTrainer.PresetLimitException.class, () -> DomainBpeTrainer.kl3mChar().vocabSize(5).padToPowerOfTwo(true).build()).limit());
    for (int size : DomainBpeTrainer.KL3M_CHAR_VOCAB_SIZES) assertEquals(size, DomainBpeTrainer.kl3mChar().vocabSize(size).build().finalVocabSize());
    // The kl3m preset has none of these limits.
    assertEquals(8192, DomainBpeTrainer.kl3m().vocabSize(5000).padToPowerOfTwo(true).customTokens(List.of("x")).build().finalVocabSize());
  }

  @Test
  void characterTokenizerAt16kAllowsFourBytes() {
    assertEquals(4, DomainBpeTrainer.kl3mChar().vocabSize(16384).build().maxTokenLength());
    assertEquals(3, DomainBpeTrainer.kl3mChar().vocabSize(8192).build().maxTokenLength());
    assertEquals(2, DomainBpeTrainer.kl3mChar().vocabSize(8192).maxTokenLength(2).build().maxTokenLength());
  }
}
