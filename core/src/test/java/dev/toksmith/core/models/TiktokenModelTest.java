package dev.toksmith.core.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The merge loop against tiktoken's educational implementation ({@code tiktoken/_educational.py}'s
 * {@code bpe_encode}, transcribed below), on random vocabularies and pieces short and long enough to
 * take both the scan and the heap path. Ids against the real encodings are checked in toksmith-vocab.
 */
class TiktokenModelTest {
  /** bpe_encode: merge the adjacent pair whose concatenation has the lowest rank, leftmost first. */
  private static List<Integer> educational(Map<String, Integer> ranks, String piece) {
    List<String> parts = new ArrayList<>();
    for (char c : piece.toCharArray()) parts.add(String.valueOf(c));
    while (true) {
      int minIndex = -1;
      int minRank = Integer.MAX_VALUE;
      for (int i = 0; i + 1 < parts.size(); i++) {
        Integer rank = ranks.get(parts.get(i) + parts.get(i + 1));
        if (rank != null && rank < minRank) {
          minIndex = i;
          minRank = rank;
        }
      }
      if (minIndex < 0) break;
      parts.set(minIndex, parts.get(minIndex) + parts.remove(minIndex + 1));
    }
    return parts.stream().map(ranks::get).toList();
  }

  private static List<Integer> model(TiktokenModel model, String piece) {
    byte[] bytes = piece.getBytes(StandardCharsets.ISO_8859_1);
    List<Integer> out = new ArrayList<>();
    int[] at = {0};
    model.encode(bytes, 0, bytes.length, (rank, start, end) -> {
      assertEquals(at[0], start);
      at[0] = end;
      out.add(rank);
    });
    assertEquals(bytes.length, at[0]);
    return out;
  }

  @Test
  void mergesAsTiktokensEducationalImplementation() {
    Random random = new Random(3);
    for (int vocabulary = 0; vocabulary < 20; vocabulary++) {
      Map<String, Integer> ranks = new HashMap<>();
      byte[][] byRank = new byte[256 + 300][];
      for (int b = 0; b < 256; b++) {
        byRank[b] = new byte[] {(byte) b};
        ranks.put(String.valueOf((char) b), b);
      }
      Set<String> extra = new LinkedHashSet<>();
      while (extra.size() < 300) {
        StringBuilder token = new StringBuilder();
        for (int k = 2 + random.nextInt(5); k > 0; k--) token.append("abc".charAt(random.nextInt(3)));
        extra.add(token.toString());
      }
      List<String> shuffled = new ArrayList<>(extra);
      java.util.Collections.shuffle(shuffled, random);
      for (int i = 0; i < shuffled.size(); i++) {
        byRank[256 + i] = shuffled.get(i).getBytes(StandardCharsets.ISO_8859_1);
        ranks.put(shuffled.get(i), 256 + i);
      }
      TiktokenModel model = new TiktokenModel(byRank);
      for (int i = 0; i < 200; i++) {
        StringBuilder piece = new StringBuilder();
        for (int k = 1 + random.nextInt(i < 150 ? 40 : 400); k > 0; k--) piece.append("abcd".charAt(random.nextInt(4)));
        String p = piece.toString();
        assertEquals(educational(ranks, p), model(model, p), p);
        assertEquals(educational(ranks, p), model(model, p), "cached: " + p);
      }
    }
  }

  @Test
  void rejectsVocabulariesItCannotRun() {
    byte[][] missingByte = new byte[255][];
    for (int b = 0; b < 255; b++) missingByte[b] = new byte[] {(byte) b};
    assertEquals("no token for the single byte 0xFF", assertThrows(IllegalArgumentException.class, () -> new TiktokenModel(missingByte)).getMessage());
    byte[][] twice = Arrays.copyOf(missingByte, 257);
    twice[255] = new byte[] {(byte) 255};
    twice[256] = new byte[] {1};
    assertEquals("ranks 1 and 256 have the same bytes", assertThrows(IllegalArgumentException.class, () -> new TiktokenModel(twice)).getMessage());
  }
}
