package dev.toksmith.core.models;

import dev.toksmith.core.models.bpe.WordCounter;
import dev.toksmith.core.text.Utf8;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Counts words for training on any number of threads in one table, so that memory holds each
 * distinct word once whatever the number of threads: the words are spread by a hash of their bytes
 * over {@value #STRIPES} stripes, each a {@link WordCounter} behind its own lock. A thread counts
 * through its own {@link #sink()}, which gathers words per stripe and hands them over a few
 * kilobytes at a time, so that locks are taken rarely. Growing one stripe's table also costs only a
 * small share of the whole.
 */
public final class StripedWordCounter implements CountedWords {
  static final int STRIPES = 64;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private final WordCounter[] stripes = new WordCounter[STRIPES];

  public StripedWordCounter() {
    for (int i = 0; i < STRIPES; i++) stripes[i] = new WordCounter();
  }

  /** Adds {@code count} occurrences of the word {@code utf8[from, to)}; thread-safe. */
  public void add(byte[] utf8, int from, int to, long count) {
    WordCounter stripe = stripes[stripeOf(utf8, from, to)];
    synchronized (stripe) {
      stripe.add(utf8, from, to, count);
    }
  }

  /** Adds every word {@code other} counted, with its count; neither may be counting meanwhile. */
  public void addAll(StripedWordCounter other) {
    for (int i = 0; i < STRIPES; i++) stripes[i].addAll(other.stripes[i]);
  }

  /** Distinct words counted; not while counting. */
  @Override
  public int size() {
    int size = 0;
    for (WordCounter stripe : stripes) size += stripe.size();
    return size;
  }

  /** Visits every distinct word once, in no particular order; not while counting. */
  @Override
  public void forEach(WordCounter.WordVisitor visitor) {
    for (WordCounter stripe : stripes) stripe.forEach(visitor);
  }

  /** A sink for one thread; {@link Sink#flush} it before reading the counts. */
  public Sink sink() {
    return new Sink();
  }

  /** The stripe of a word: a mix of its length and first eight bytes, which {@link WordCounter}'s own hash does not resemble. */
  private static int stripeOf(byte[] utf8, int from, int to) {
    int length = to - from;
    long head;
    if (length >= Long.BYTES) {
      head = (long) LONGS.get(utf8, from);
    } else {
      head = 0;
      for (int i = to - 1; i >= from; i--) head = head << 8 | (utf8[i] & 0xFF);
    }
    long h = (head ^ length * 0x9E3779B97F4A7C15L) * 0xD6E8FEB86659FD93L;
    return (int) ((h ^ h >>> 32) * 0x9E3779B97F4A7C15L >>> (Long.SIZE - 6));
  }

  /**
   * Gathers one thread's words per stripe, each as its length (four bytes) and bytes, and adds a
   * stripe's words under its lock once they fill {@value #BUFFER_BYTES} bytes. Not thread-safe.
   */
  public final class Sink implements WordSink {
    private static final int BUFFER_BYTES = 4096;
    private final byte[][] buffers = new byte[STRIPES][];
    private final int[] used = new int[STRIPES];
    private byte[] scratch = new byte[256];

    private Sink() {}

    @Override
    public void add(byte[] utf8, int from, int to) {
      int length = to - from;
      int stripe = stripeOf(utf8, from, to);
      if (length + Integer.BYTES > BUFFER_BYTES) {
        StripedWordCounter.this.add(utf8, from, to, 1);
        return;
      }
      byte[] buffer = buffers[stripe];
      if (buffer == null) buffer = buffers[stripe] = new byte[BUFFER_BYTES];
      int at = used[stripe];
      if (at + Integer.BYTES + length > BUFFER_BYTES) {
        flush(stripe);
        at = 0;
      }
      INTS.set(buffer, at, length);
      System.arraycopy(utf8, from, buffer, at + Integer.BYTES, length);
      used[stripe] = at + Integer.BYTES + length;
    }

    @Override
    public void add(CharSequence text, int from, int to) {
      int max = Utf8.maxBytes(to - from);
      if (scratch.length < max) scratch = new byte[Math.max(max, 2 * scratch.length)];
      add(scratch, 0, Utf8.encode(text, from, to, false, scratch, 0, null));
    }

    /** Adds every gathered word to the counts. */
    public void flush() {
      for (int stripe = 0; stripe < STRIPES; stripe++) flush(stripe);
    }

    private void flush(int stripe) {
      int end = used[stripe];
      if (end == 0) return;
      byte[] buffer = buffers[stripe];
      WordCounter counter = stripes[stripe];
      synchronized (counter) {
        for (int at = 0; at < end; ) {
          int length = (int) INTS.get(buffer, at);
          at += Integer.BYTES;
          counter.add(buffer, at, at + length, 1);
          at += length;
        }
      }
      used[stripe] = 0;
    }
  }
}
