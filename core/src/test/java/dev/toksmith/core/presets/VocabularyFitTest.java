package dev.toksmith.core.presets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.toksmith.core.models.bpe.BpeModel;
import dev.toksmith.core.models.bpe.BpeOptions;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VocabularyFitTest {
  /** a b c, then ab, abc, bc, and a last merge a+bc that makes abc again. */
  private static BpeModel trained() {
    Object2IntOpenHashMap<String> vocab = new Object2IntOpenHashMap<>();
    String[] tokens = {"a", "b", "c", "ab", "abc", "bc"};
    for (int i = 0; i < tokens.length; i++) vocab.put(tokens[i], i);
    return new BpeModel(vocab, List.of(new BpeModel.Merge(0, 1, 3), new BpeModel.Merge(3, 2, 4), new BpeModel.Merge(1, 2, 5), new BpeModel.Merge(0, 5, 4)),
        BpeOptions.BYTE_LEVEL);
  }

  private static final List<String> CUSTOM = List.of("abc", "zz");

  @Test
  void customTokensAloneFillTheVocabulary() {
    // 3 base tokens + 2 custom tokens = 5: no merge fits.
    VocabularyFit.Fitted f = VocabularyFit.fit(trained(), 3, CUSTOM, 5, 5);
    assertEquals(0, f.model().merges().size());
    assertEquals(3, f.model().vocabulary().size());
    assertEquals(CUSTOM, f.customAdded());
    assertEquals(List.of(), f.padding());
  }

  @Test
  void aLearnedCustomTokenCountsOnce() {
    // ab makes 6; abc is a custom token, so learning it keeps 6; bc would make 7.
    VocabularyFit.Fitted f = VocabularyFit.fit(trained(), 3, CUSTOM, 6, 6);
    assertEquals(2, f.model().merges().size());
    assertEquals(5, f.model().vocabulary().size());
    assertEquals(List.of("zz"), f.customAdded());
    assertEquals(1, f.customLearned());
    assertEquals(List.of(), f.padding());
  }

  @Test
  void aMergeThatRemakesATokenIsKeptOnlyWithTheMergesAroundIt() {
    // All merges fit in 7 (6 model tokens + zz); the last one makes no new token and is kept.
    assertEquals(4, VocabularyFit.fit(trained(), 3, CUSTOM, 7, 7).model().merges().size());
  }

  @Test
  void paddingFillsWhatTheCorpusCannot() {
    VocabularyFit.Fitted f = VocabularyFit.fit(trained(), 3, CUSTOM, 9, 12);
    assertEquals(6, f.model().vocabulary().size());
    assertEquals(List.of("  ", "\n\n", "   ", "\n\n\n", "    "), f.padding());
  }

  @Test
  void paddingSkipsStringsTakenAlready() {
    assertEquals(List.of("\n\n", "   ", "\n\n\n"), VocabularyFit.padding(Set.of("  "), 3));
  }

  @Test
  void tooSmallAVocabularyIsAnError() {
    assertThrows(IllegalArgumentException.class, () -> VocabularyFit.fit(trained(), 3, CUSTOM, 4, 4));
  }

  @Test
  void powersOfTwo() {
    assertEquals(1, VocabularyFit.powerOfTwoAtLeast(1));
    assertEquals(4, VocabularyFit.powerOfTwoAtLeast(3));
    assertEquals(4096, VocabularyFit.powerOfTwoAtLeast(4096));
    assertEquals(8192, VocabularyFit.powerOfTwoAtLeast(4097));
    assertEquals(65536, VocabularyFit.powerOfTwoAtLeast(50_000));
  }
}
