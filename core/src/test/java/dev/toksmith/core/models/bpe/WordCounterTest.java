package dev.toksmith.core.models.bpe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WordCounterTest {
  @Test
  void countsEveryDistinctWordWhateverItsLength() {
    Random random = new Random(4);
    WordCounter counter = new WordCounter();
    Map<String, Long> expected = new HashMap<>();
    String[] vocabulary = new String[5000];
    for (int i = 0; i < vocabulary.length; i++) vocabulary[i] = randomWord(random);
    for (int i = 0; i < 100_000; i++) {
      String word = vocabulary[(int) Math.min(vocabulary.length - 1, Math.abs(random.nextGaussian()) * 800)];
      counter.add(" " + word + "!", 1, word.length() + 1);
      expected.merge(word, 1L, Long::sum);
    }
    assertEquals(expected, counted(counter));
    assertEquals(expected.size(), counter.size());
  }

  @Test
  void wordsThatShareTheirFirstSixteenBytesStayApart() {
    WordCounter counter = new WordCounter();
    String prefix = "abcdefghijklmnop";
    for (String word : new String[] {prefix, prefix + "q", prefix + "r", prefix + "q", prefix + "\0", prefix.substring(0, 15), prefix.substring(0, 15) + "\0"}) {
      counter.add(word, 0, word.length());
    }
    assertEquals(Map.of(prefix, 1L, prefix + "q", 2L, prefix + "r", 1L, prefix + "\0", 1L, prefix.substring(0, 15), 1L, prefix.substring(0, 15) + "\0", 1L), counted(counter));
  }

  @Test
  void addAllSumsTheCountsOfBothCounters() {
    WordCounter a = new WordCounter();
    WordCounter b = new WordCounter();
    a.add("shared", 0, 6);
    a.add("only in a, and longer than sixteen bytes", 0, 40);
    b.add("shared", 0, 6);
    b.add("shared", 0, 6);
    b.add("only in b", 0, 9);
    a.addAll(b);
    assertEquals(Map.of("shared", 3L, "only in a, and longer than sixteen bytes", 1L, "only in b", 1L), counted(a));
  }

  @Test
  void loneSurrogatesAreCountedByTheirGeneralisedUtf8() {
    WordCounter counter = new WordCounter();
    counter.add("\uD800x", 0, 2);
    byte[][] seen = new byte[1][];
    counter.forEach((bytes, from, to, count) -> seen[0] = Arrays.copyOfRange(bytes, from, to));
    assertEquals("[-19, -96, -128, 120]", Arrays.toString(seen[0]));
  }

  private static String randomWord(Random random) {
    int length = 1 + (random.nextInt(8) == 0 ? random.nextInt(60) : random.nextInt(12));
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < length; i++) {
      int kind = random.nextInt(10);
      word.appendCodePoint(kind < 7 ? 'a' + random.nextInt(26) : kind < 9 ? 0x400 + random.nextInt(64) : 0x1F600 + random.nextInt(40));
    }
    return word.toString();
  }

  private static Map<String, Long> counted(WordCounter counter) {
    Map<String, Long> words = new HashMap<>();
    counter.forEach((bytes, from, to, count) -> words.merge(new String(bytes, from, to - from, StandardCharsets.UTF_8), count, Long::sum));
    return words;
  }
}
