package dev.toksmith.core.models.bpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

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
