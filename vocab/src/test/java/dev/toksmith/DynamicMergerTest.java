package dev.toksmith;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.toksmith.api.MergeRule;
import dev.toksmith.api.MergeStats;
import dev.toksmith.api.MergedBatch;
import dev.toksmith.api.MergedToken;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.models.TiktokenModel;
import dev.toksmith.core.models.tiktoken.TiktokenTokenizer;
import dev.toksmith.core.pretokenizers.SplitPatterns;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link DynamicMerger} over a byte tokenizer (GPT-2's split pattern, one token per byte, id = byte
 * value), where every figure can be worked out by hand.
 */
class DynamicMergerTest {
  private static final Tokenizer BYTES = bytes(Map.of());

  private static TiktokenTokenizer bytes(Map<String, Integer> specials) {
    byte[][] ranks = new byte[256][];
    for (int b = 0; b < 256; b++) ranks[b] = new byte[] {(byte) b};
    return new TiktokenTokenizer("bytes", SplitPatterns.GPT2_TIKTOKEN_REGEX, new TiktokenModel(ranks), specials);
  }

  private static int[] ids(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    int[] ids = new int[bytes.length];
    for (int i = 0; i < bytes.length; i++) ids[i] = bytes[i] & 0xFF;
    return ids;
  }

  @Test
  void mergesWithinPreTokensToWordLevel() {
    // Pre-tokens "abab", " ab" | "ab": (a,b) four times, then (ab,ab) and (Ġ,ab) once each, in that order.
    MergedBatch batch = DynamicMerger.builder(BYTES).build().merge(List.of("abab ab", "ab"));
    assertEquals(256, batch.firstNewId());
    assertEquals(List.of(
        new MergedToken(256, "ab", new int[] {'a', 'b'}, 'a', 'b', 4),
        new MergedToken(257, "abab", new int[] {'a', 'b', 'a', 'b'}, 256, 256, 1),
        new MergedToken(258, "Ġab", new int[] {' ', 'a', 'b'}, ' ', 256, 1)), batch.newTokens());
    assertArrayEquals(new int[] {257, 258}, batch.ids(0));
    assertArrayEquals(new int[] {256}, batch.ids(1));
    assertEquals(new MergeStats(2, 3, 9, 3, 3), batch.stats());
    assertEquals(4.5, batch.stats().baseLength());
    assertEquals(1.5, batch.stats().wordLength());
    assertEquals(100.0, batch.stats().reduction());
    assertEquals("abab ab", batch.decode(batch.ids(0)));
    assertEquals(List.of("abab", " ab"), batch.tokenTexts(batch.ids(0)));
    assertArrayEquals(ids("abab ab"), batch.toBaseIds(batch.ids(0)));
    assertEquals("Ġab", batch.token(258));
    assertEquals("Ġ", batch.token(' '));
  }

  @Test
  void budgetAndTargetStopEarly() {
    MergedBatch one = DynamicMerger.builder(BYTES).maxMerges(1).build().merge(List.of("abab ab", "ab"));
    assertArrayEquals(new int[] {256, 256, ' ', 256}, one.ids(0));
    // L0 9, L(1) 5, L_word 3: two thirds of the way.
    assertEquals(new MergeStats(2, 1, 9, 5, 3), one.stats());
    assertEquals(100.0 * 4 / 6, one.stats().reduction(), 1e-12);
    assertEquals(one.stats(), DynamicMerger.builder(BYTES).targetReduction(60).build().merge(List.of("abab ab", "ab")).stats());
    assertEquals(0, DynamicMerger.builder(BYTES).targetReduction(0).build().merge(List.of("abab ab")).stats().merges());
    assertEquals(2, DynamicMerger.builder(BYTES).targetReduction(70).build().merge(List.of("abab ab", "ab")).stats().merges());
  }

  @Test
  void ruleNoneMergesAcrossWords() {
    MergedBatch batch = DynamicMerger.builder(BYTES).rule(MergeRule.none()).build().merge(List.of("ab ab"));
    // (a,b) twice; then (ab,Ġ) is seen before (Ġ,ab); then the rest.
    assertEquals(List.of("ab", "abĠ", "abĠab"), batch.newTokens().stream().map(MergedToken::token).toList());
    assertArrayEquals(new int[] {258}, batch.ids(0));
    // One token for two words: past word level.
    assertEquals(100.0 * (5 - 1) / (5 - 2), batch.stats().reduction(), 1e-12);
    assertEquals("ab ab", batch.decode(batch.ids(0)));
  }

  @Test
  void customRuleSeesTheTextAndTheBaseTokens() {
    // Only merges that end in 'b', across words too: a b c Ġ a b c, then ab c Ġ ab c, ...
    MergeRule endsInB = (text, base, from, mid, to) -> text.charAt(base.start(to - 1)) == 'b';
    MergedBatch batch = DynamicMerger.builder(BYTES).rule(endsInB).build().merge(List.of("abc abc"));
    assertEquals(List.of("ab", "Ġab", "cĠab", "abcĠab"), batch.newTokens().stream().map(MergedToken::token).toList());
    assertArrayEquals(new int[] {259, 'c'}, batch.ids(0));
  }

  @Test
  void specialTokensStayAlone() {
    TiktokenTokenizer tok = bytes(Map.of("<|x|>", 300)).withAllowedSpecial(java.util.Set.of("<|x|>"));
    MergedBatch batch = DynamicMerger.builder(tok).build().merge(List.of("a<|x|>a<|x|>"));
    assertEquals(301, batch.firstNewId());
    assertArrayEquals(new int[] {'a', 300, 'a', 300}, batch.ids(0));
    assertEquals(4, batch.stats().wordTokens());
  }

  @Test
  void surfaceMatrixAndMeanEmbeddings() {
    MergedBatch batch = DynamicMerger.builder(BYTES).firstNewId(260).build().merge(List.of("abab ab"));
    assertEquals(List.of(260, 261, 262), batch.newTokens().stream().map(MergedToken::id).toList());
    assertArrayEquals(new int[] {'a', 'b', -1, -1, 'a', 'b', 'a', 'b', ' ', 'a', 'b', -1}, MergedToken.surfaceMatrix(batch.newTokens()));
    assertEquals(4, MergedToken.maxSurfaceLength(batch.newTokens()));
    assertArrayEquals(new int[0], MergedToken.surfaceMatrix(List.of()));
    float[] base = new float[260 * 2];
    for (int i = 0; i < 260; i++) {
      base[2 * i] = i;
      base[2 * i + 1] = -2 * i;
    }
    // ab: (97 + 98) / 2; abab: the same; Ġab: (32 + 97 + 98) / 3.
    assertArrayEquals(new float[] {97.5f, -195f, 97.5f, -195f, 227f / 3, -454f / 3}, batch.meanEmbeddings(base, 2));
    assertEquals("base id 98 has no row in an embedding matrix of 98 rows",
        assertThrows(IllegalArgumentException.class, () -> batch.meanEmbeddings(new float[98 * 2], 2)).getMessage());
    assertEquals("the first new id 255 is inside the base vocabulary (ids 0..255)",
        assertThrows(IllegalArgumentException.class, () -> DynamicMerger.builder(BYTES).firstNewId(255).build()).getMessage());
    assertEquals("id 263 is not in this batch's vocabulary (valid ids are 0..262)",
        assertThrows(IllegalArgumentException.class, () -> batch.decode(new int[] {263})).getMessage());
  }

  @Test
  void measureSumsBatches() {
    DynamicMerger merger = DynamicMerger.builder(BYTES).maxMerges(1).build();
    MergeStats stats = merger.measure(List.of("abab ab", "ab", "cc"), 2);
    assertEquals(merger.merge(List.of("abab ab", "ab")).stats().plus(merger.merge(List.of("cc")).stats()), stats);
    assertEquals(new MergeStats(3, 2, 11, 6, 4), stats);
  }

  @Test
  void idBoundDefaultCountsPastGaps() {
    TiktokenTokenizer gapped = bytes(Map.of("<|x|>", 300));
    InvocationHandler delegate = (proxy, method, args) -> method.getName().equals("idBound")
        ? InvocationHandler.invokeDefault(proxy, method, args) : method.invoke(gapped, args);
    Tokenizer generic = (Tokenizer) Proxy.newProxyInstance(Tokenizer.class.getClassLoader(), new Class<?>[] {Tokenizer.class}, delegate);
    assertEquals(257, generic.vocabSize());
    assertEquals(301, generic.idBound());
    assertEquals(301, gapped.idBound());
  }
}
