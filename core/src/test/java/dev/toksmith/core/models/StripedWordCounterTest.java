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
