package dev.toksmith.core.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongMinHeapTest {
  /** Pushes and pops interleaved at random, duplicates and negative entries included, against the JDK's queue. */
  @Test
  void popsInTheOrderOfAPriorityQueue() {
    Random random = new Random(3);
    for (int round = 0; round < 200; round++) {
      int capacity = 1 + random.nextInt(300);
      LongMinHeap heap = new LongMinHeap(capacity);
      PriorityQueue<Long> reference = new PriorityQueue<>();
      for (int step = 0; step < 1_000; step++) {
        if (reference.size() < capacity && (reference.isEmpty() || random.nextInt(3) > 0)) {
          long entry = random.nextBoolean() ? random.nextInt(20) - 5 : random.nextLong();
          heap.push(entry);
          reference.add(entry);
        } else {
          assertEquals(reference.poll(), heap.pop());
        }
        assertEquals(reference.isEmpty(), heap.isEmpty());
      }
      while (!reference.isEmpty()) assertEquals(reference.poll(), heap.pop());
      assertTrue(heap.isEmpty());
    }
  }
}
