package dev.toksmith.core.models.bpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.core.models.ByteLevelAlphabet;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BpeModelTest {

  /** A byte-level vocabulary over "abc" with random merges, for comparing merge strategies. */
  private static BpeModel randomModel(Random random, int merges) {
    return randomModel(random, merges, BpeOptions.BYTE_LEVEL);
  }

  private static BpeModel randomModel(Random random, int merges, BpeOptions options) {
    Object2IntOpenHashMap<String> vocab = new Object2IntOpenHashMap<>();
    List<String> tokens = new ArrayList<>();
    for (int b = 0; b < 256; b++) {
      String t = String.valueOf(ByteLevelAlphabet.charOf(b));
      vocab.put(t, b);
      tokens.add(t);
    }
    List<String> alphabet = List.of("a", "b", "c");
    List<String> pool = new ArrayList<>(alphabet);
    List<BpeModel.Merge> list = new ArrayList<>();
    while (list.size() < merges) {
      String left = pool.get(random.nextInt(pool.size()));
      String right = pool.get(random.nextInt(pool.size()));
      String merged = left + right;
      if (vocab.containsKey(merged) || merged.length() > 6) continue;
      vocab.put(merged, tokens.size());
      tokens.add(merged);
      pool.add(merged);
      list.add(new BpeModel.Merge(vocab.getInt(left), vocab.getInt(right), vocab.getInt(merged)));
    }
    return new BpeModel(vocab, list, options);
  }

  /** The textbook algorithm: merge the lowest-ranked adjacent pair, leftmost first, until none is left. */
  private static int[] naive(BpeModel model, String text) {
    List<String> symbols = new ArrayList<>();
    for (char c : text.toCharArray()) symbols.add(String.valueOf(c));
    List<BpeModel.Merge> merges = model.merges();
    while (true) {
      int bestRank = Integer.MAX_VALUE;
      int at = -1;
      for (int i = 0; i + 1 < symbols.size(); i++) {
        int l = model.tokenToId(symbols.get(i));
        int r = model.tokenToId(symbols.get(i + 1));
        for (int rank = 0; rank < merges.size() && rank < bestRank; rank++) {
          if (merges.get(rank).left() == l && merges.get(rank).right() == r) {
            bestRank = rank;
            at = i;
          }
        }
      }
      if (at < 0) break;
      symbols.set(at, symbols.get(at) + symbols.remove(at + 1));
    }
    return symbols.stream().mapToInt(model::tokenToId).toArray();
  }

  private static int[] tokenize(BpeModel model, String text) {
    IntArrayList ids = new IntArrayList();
    model.tokenize(text, (id, start, end) -> ids.add(id));
    return ids.toIntArray();
  }

  private static int[] tokenizeBytes(BpeModel model, String text) {
    IntArrayList ids = new IntArrayList();
    byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    model.tokenizeBytes(bytes, 0, bytes.length, (id, start, end) -> ids.add(id));
    return ids.toIntArray();
  }

  /**
   * A byte-level model over "abc" whose merges are in rank order ({@link RankOrder}): random tokens with
   * random ids (in a small or a large range), every cut of each into two tokens a merge, sorted by the id made, then left, then right.
   */
  private static BpeModel rankOrderedModel(Random random, boolean ignoreMerges, java.util.function.Consumer<List<BpeModel.Merge>> change) {
    Object2IntOpenHashMap<String> vocab = new Object2IntOpenHashMap<>();
    for (int b = 0; b < 256; b++) vocab.put(String.valueOf(ByteLevelAlphabet.charOf(b)), b);
    List<String> tokens = new ArrayList<>();
    while (tokens.size() < 10 + random.nextInt(50)) {
      StringBuilder t = new StringBuilder();
      for (int n = tokens.size() < 2 ? 2 : 2 + random.nextInt(4); n > 0; n--) t.append("abc".charAt(random.nextInt(3)));
      if (!tokens.contains(t.toString())) tokens.add(t.toString());
    }
    java.util.Collections.shuffle(tokens, random);
    // Half the models spread their ids up to about 245,000, as large as o200k's: a heap entry then
    // packs its ranks and position as it does for real vocabularies.
    int stride = random.nextBoolean() ? 1 : 4099;
    for (String t : tokens) vocab.put(t, 256 + (vocab.size() - 256) * stride);
    List<BpeModel.Merge> merges = new ArrayList<>();
    for (String t : tokens) {
      for (int cut = 1; cut < t.length(); cut++) {
        if (vocab.containsKey(t.substring(0, cut)) && vocab.containsKey(t.substring(cut))) merges.add(new BpeModel.Merge(vocab.getInt(t.substring(0, cut)), vocab.getInt(t.substring(cut)), vocab.getInt(t)));
      }
    }
    merges.sort(java.util.Comparator.comparingInt(BpeModel.Merge::result).thenComparingInt(BpeModel.Merge::left).thenComparingInt(BpeModel.Merge::right));
    change.accept(merges);
    return new BpeModel(vocab, merges, new BpeOptions(null, null, null, false, false, ignoreMerges));
  }

  /** The textbook algorithm, after taking a piece that is a token whole when the model ignores merges. */
  private static int[] textbook(BpeModel model, String text) {
    int whole = model.options().ignoreMerges() ? model.vocabulary().id(text) : -1;
    return whole >= 0 ? new int[] {whole} : naive(model, text);
  }

  private static void agreesWithTheTextbook(BpeModel model, Random random) {
    for (int k = 0; k < 300; k++) {
      // Short pieces, and pieces on both sides of the switch from scanning to the heap (rank engine and merge table alike).
      int length = k < 200 ? 1 + random.nextInt(12) : 40 + random.nextInt(200);
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < length; i++) sb.append("abc".charAt(random.nextInt(3)));
      String text = sb.toString();
      assertArrayEquals(textbook(model, text), tokenizeBytes(model, text), text);
      assertArrayEquals(textbook(model, text), tokenizeBytes(model, text), text + " again (cached)");
    }
  }

  @Test
  void mergesInRankOrderRunOnRanksAndAgreeWithTheTextbookAlgorithm() {
    Random random = new Random(14);
    for (int round = 0; round < 300; round++) {
      BpeModel model = rankOrderedModel(random, round % 2 == 0, merges -> {});
      assertNotNull(model.byteLevel());
      assertTrue(model.tables().rankOrdered(), "in rank order");
      agreesWithTheTextbook(model, random);
    }
  }

  @Test
  void mergesOneStepFromRankOrderRunOnTheMergeTable() {
    Random random = new Random(15);
    for (int round = 0; round < 200; round++) {
      int change = round % 3;
      // Every model has two merges at least: its first two tokens have two characters.
      BpeModel model = rankOrderedModel(random, round % 2 == 0, merges -> {
        if (change == 0) {
          merges.remove(random.nextInt(merges.size()));
        } else if (change == 1) {
          int i = random.nextInt(merges.size() - 1);
          merges.add(i, merges.remove(i + 1));
        } else {
          // A merge moved before the others.
          merges.add(0, merges.remove(1 + random.nextInt(merges.size() - 1)));
        }
      });
      assertNotNull(model.byteLevel());
      assertFalse(model.tables().rankOrdered(), () -> "change " + change + ": not in rank order");
      agreesWithTheTextbook(model, random);
    }
  }

  @Test
  void scanAndHeapStrategiesAgreeWithTheTextbookAlgorithm() {
    Random random = new Random(7);
    for (int round = 0; round < 40; round++) {
      BpeModel model = randomModel(random, 1 + random.nextInt(30));
      for (int k = 0; k < 25; k++) {
        // Lengths on both sides of the switch from scanning to the heap.
        int length = random.nextInt(k < 20 ? 70 : 400);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) sb.append("abc".charAt(random.nextInt(3)));
        String text = sb.toString();
        int[] expected = naive(model, text);
        assertArrayEquals(expected, tokenize(model, text), text);
        assertArrayEquals(expected, tokenizeBytes(model, text), text);
      }
    }
  }

  /**
   * The byte-level engine gives what the model gives the spelled piece, with and without
   * ignore_merges and with the empty prefix and suffix that GPT-2's files carry, on pieces of every
   * length class (two bytes, scanned, heap-merged, too long to cache), each encoded twice (the second
   * time from its cache).
   */
  @Test
  void theByteLevelEngineGivesWhatTheSpelledPieceGives() {
    Random random = new Random(17);
    BpeOptions[] options = {BpeOptions.BYTE_LEVEL, new BpeOptions(null, null, null, false, false, true), new BpeOptions(null, "", "", false, true, false)};
    for (int round = 0; round < 30; round++) {
      BpeModel model = randomModel(random, 1 + random.nextInt(40), options[round % options.length]);
      assertNotNull(model.byteLevel());
      for (int k = 0; k < 40; k++) {
        int length = 1 + random.nextInt(k < 30 ? 12 : 300);
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) bytes[i] = random.nextInt(8) == 0 ? (byte) random.nextInt(256) : (byte) "abc".charAt(random.nextInt(3));
        int[] expected = tokenize(model, ByteLevelAlphabet.spell(bytes));
        for (int time = 0; time < 2; time++) {
          IntArrayList ids = new IntArrayList();
          int[] next = {0};
          model.tokenizeBytes(bytes, 0, length, (id, start, end) -> {
            assertEquals(next[0], start);
            ids.add(id);
            next[0] = end;
          });
          assertArrayEquals(expected, ids.toIntArray());
          assertEquals(length, next[0]);
        }
      }
    }
  }

  @Test
  void noByteLevelEngineWhereBytesBehaveOtherwise() {
    Object2IntOpenHashMap<String> vocab = new Object2IntOpenHashMap<>();
    vocab.put("a", 0);
    assertNull(new BpeModel(vocab, List.of(), BpeOptions.BYTE_LEVEL).byteLevel());
    for (int b = 0; b < 256; b++) vocab.put(String.valueOf(ByteLevelAlphabet.charOf(b)), b);
    assertNull(new BpeModel(vocab, List.of(), new BpeOptions(null, "##", null, false, false, false)).byteLevel());
    assertNotNull(new BpeModel(vocab, List.of(), BpeOptions.BYTE_LEVEL).byteLevel());
  }

  @Test
  void tokensCoverThePieceContiguously() {
    BpeModel model = randomModel(new Random(3), 20);
    String text = "abcabcaabbccabcbacbacbcbbbaaacb".repeat(5);
    int[] next = {0};
    model.tokenize(text, (id, start, end) -> {
      assertEquals(next[0], start);
      assertEquals(model.idToToken(id), text.substring(start, end));
      next[0] = end;
    });
    assertEquals(text.length(), next[0]);
  }

  @Test
  void repeatedPairsMergeLeftFirst() {
    // "aaa" with the single merge a+a must give "aa" "a", never "a" "aa".
    Object2IntOpenHashMap<String> vocab = new Object2IntOpenHashMap<>();
    vocab.put("a", 0);
    vocab.put("aa", 1);
    BpeModel model = new BpeModel(vocab, List.of(new BpeModel.Merge(0, 0, 1)), BpeOptions.BYTE_LEVEL);
    assertArrayEquals(new int[] {1, 0}, tokenize(model, "aaa"));
    assertArrayEquals(new int[] {1, 1, 0}, tokenize(model, "aaaaa"));
    assertArrayEquals(new int[] {1, 1, 0}, tokenize(model, "a".repeat(5)));
    int[] longRun = tokenize(model, "a".repeat(1001));
    assertEquals(501, longRun.length);
    assertEquals(0, longRun[500]);
  }
}
