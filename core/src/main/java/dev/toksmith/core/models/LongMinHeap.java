package dev.toksmith.core.models;

/**
 * A binary min-heap of longs in one array of fixed capacity: the merge queue of a long piece, whose
 * entries are {@code rank << 32 | position} (stale entries skipped when taken). Small code that the
 * quick compiler compiles early and well, where a general priority queue costs a cold encode more.
 */
public final class LongMinHeap {
  private final long[] entries;
  private int size;

  /** A heap that holds at most {@code capacity} entries at a time. */
  public LongMinHeap(int capacity) {
    entries = new long[capacity];
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public void push(long entry) {
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (entries[parent] <= entry) break;
      entries[i] = entries[parent];
      i = parent;
    }
    entries[i] = entry;
  }

  /** Removes and returns the smallest entry; the heap must not be empty. */
  public long pop() {
    long top = entries[0];
    long last = entries[--size];
    int i = 0;
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && entries[child + 1] < entries[child]) child++;
      if (entries[child] >= last) break;
      entries[i] = entries[child];
      i = child;
    }
    entries[i] = last;
    return top;
  }
}
