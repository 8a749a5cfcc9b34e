package dev.toksmith.core.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
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

  @Test
  void visitsWordsInUnsignedByteOrderWhateverTheOrderTheyWereAddedIn() {
    Random random = new Random(7);
    List<byte[]> words = new ArrayList<>();
    byte[] alphabet = {0, 1, 'a', 'b', (byte) 0x7F, (byte) 0x80, (byte) 0xC3, (byte) 0xFF};
    for (int i = 0; i < 3000; i++) {
      byte[] word = new byte[1 + random.nextInt(random.nextBoolean() ? 10 : 40)];
      for (int k = 0; k < word.length; k++) word[k] = alphabet[random.nextInt(alphabet.length)];
      words.add(word);
    }
    // Prefixes of one another, and words equal in their first 8 or 16 bytes.
    for (String w : new String[] {"abcdefgh", "abcdefghX", "abcdefgh\0", "abcdefghijklmnop", "abcdefghijklmnopq", "abcdefghijklmno", "abcdefghijklmnop\0",
        "abcdefghijklmnop\0\0", "abcdefghijklmnop\0a", "abcdefghijklmno\0", "abcdefghijklmno\0\0"}) {
      words.add(w.getBytes(StandardCharsets.ISO_8859_1));
    }
    List<String> expected = new ArrayList<>();
    words.stream().sorted(Arrays::compareUnsigned).map(Arrays::toString).distinct().forEach(expected::add);
    // Sorted on one thread, then on two (the words parted by their first eight bytes, each part sorted on its own).
    for (int round = 0; round < 4; round++) {
      Collections.shuffle(words, random);
      WordCounter counter = new WordCounter();
      for (byte[] word : words) counter.add(word, 0, word.length, 1);
      List<String> visited = new ArrayList<>();
      counter.forEachInByteOrder((bytes, from, to, count) -> visited.add(Arrays.toString(Arrays.copyOfRange(bytes, from, to))), round >= 2);
      assertEquals(expected, visited);
    }
  }

  @Test
  void partsOfTheTableHoldEveryWordOnce() {
    Random random = new Random(3);
    WordCounter counter = new WordCounter();
    for (int i = 0; i < 5000; i++) {
      String word = randomWord(random);
      counter.add(word, 0, word.length());
    }
    Map<String, Long> parts = new HashMap<>();
    for (int part = 0; part < 3; part++) {
      counter.forEach(part, 3, (bytes, from, to, count) -> assertNull(parts.put(new String(bytes, from, to - from, StandardCharsets.UTF_8), count)));
    }
    assertEquals(counted(counter), parts);
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
