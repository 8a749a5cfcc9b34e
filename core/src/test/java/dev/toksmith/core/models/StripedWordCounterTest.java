package dev.toksmith.core.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.core.text.Utf8;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StripedWordCounterTest {
  @Test
  void manyMoreShortWordsThanTheSinksCacheHoldsAreCountedExactly() {
    // 40,000 distinct words of 1-16 bytes, met in random order with skewed counts: words push each
    // other out of the sink's cache all the time, and come back.
    Random random = new Random(11);
    String[] words = new String[40_000];
    for (int i = 0; i < words.length; i++) words[i] = Integer.toString(i, 36) + "x".repeat(random.nextInt(12));
    Map<String, Long> expected = new HashMap<>();
    StripedWordCounter counter = new StripedWordCounter();
    StripedWordCounter.Sink sink = counter.sink();
    for (int n = 0; n < 600_000; n++) {
      String w = words[(int) Math.min(words.length - 1, Math.abs(random.nextGaussian()) * 8000)];
      expected.merge(w, 1L, Long::sum);
      byte[] utf8 = Utf8.encode("<" + w + ">");
      sink.add(utf8, 1, utf8.length - 1);
    }
    sink.flush();
    Map<String, Long> counted = new HashMap<>();
    counter.forEach((bytes, from, to, count) -> assertEquals(null, counted.put(Utf8.decode(bytes, from, to), count)));
    assertEquals(expected, counted);
  }

  @Test
  void threadsCountingThroughTheirOwnSinksGiveTheExactCounts() throws InterruptedException {
    StripedWordCounter counter = new StripedWordCounter();
    Map<String, Long> expected = new HashMap<>();
    String[] words = new String[3000];
    int[] characters = {'a', 'b', 'c', 0xE9, 0x4E2D, 0x1F600, 0xD800};
    Random random = new Random(3);
    for (int i = 0; i < words.length; i++) {
      // Some words longer than a sink's buffer, which go straight to the counter.
      StringBuilder w = new StringBuilder();
      for (int k = random.nextInt(i % 50 == 0 ? 6000 : 20) + 1; k > 0; k--) w.appendCodePoint(characters[random.nextInt(characters.length)]);
      words[i] = w.toString();
    }
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      int seed = t;
      threads[t] = new Thread(() -> {
        StripedWordCounter.Sink sink = counter.sink();
        Random r = new Random(seed);
        for (int i = 0; i < 50_000; i++) {
          String w = words[(int) Math.min(words.length - 1, Math.abs(r.nextGaussian()) * 500)];
          if (i % 2 == 0) {
            sink.add(" " + w + " ", 1, w.length() + 1);
          } else {
            byte[] utf8 = Utf8.encode(w);
            sink.add(utf8, 0, utf8.length);
          }
        }
        sink.flush();
      });
      threads[t].start();
    }
    for (Thread t : threads) t.join();
    for (int t = 0; t < threads.length; t++) {
      Random r = new Random(t);
      for (int i = 0; i < 50_000; i++) expected.merge(words[(int) Math.min(words.length - 1, Math.abs(r.nextGaussian()) * 500)], 1L, Long::sum);
    }
    Map<String, Long> counted = new HashMap<>();
    counter.forEach((bytes, from, to, count) -> counted.merge(Utf8.decode(bytes, from, to), count, Long::sum));
    assertEquals(expected, counted, "every word once, with its count");
    assertEquals(expected.size(), counter.size());

    List<byte[]> inOrder = new ArrayList<>();
    counter.forEachInByteOrder((bytes, from, to, count) -> {
      inOrder.add(Arrays.copyOfRange(bytes, from, to));
      assertEquals(expected.get(Utf8.decode(bytes, from, to)), count);
    });
    assertEquals(expected.size(), inOrder.size());
    for (int i = 1; i < inOrder.size(); i++) assertTrue(Arrays.compareUnsigned(inOrder.get(i - 1), inOrder.get(i)) < 0, "byte order at " + i);
  }
}
