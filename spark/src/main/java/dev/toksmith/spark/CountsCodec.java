package dev.toksmith.spark;

import dev.toksmith.WordCounts;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Word counts as bytes, for the shuffle between counting and merging: each word as its length and
 * count (unsigned LEB128 varints) and its bytes. A table is cut into buckets by a hash of each word's
 * bytes, so that every word of every partition lands in the same bucket, where its counts add up.
 */
final class CountsCodec {
  private CountsCodec() {}

  /** The words of {@code counts} in {@code buckets} encoded parts, by {@link #bucketOf}. */
  static byte[][] encode(WordCounts counts, int buckets) {
    Output[] out = new Output[buckets];
    for (int b = 0; b < buckets; b++) out[b] = new Output();
    counts.forEach((bytes, from, to, count) -> {
      Output o = out[bucketOf(bytes, from, to, buckets)];
      o.varint(to - from);
      o.varint(count);
      o.write(bytes, from, to - from);
    });
    byte[][] encoded = new byte[buckets][];
    for (int b = 0; b < buckets; b++) encoded[b] = out[b].toByteArray();
    return encoded;
  }

  /** Adds the words {@link #encode} wrote to {@code counts}. */
  static void decodeInto(byte[] encoded, WordCounts counts) {
    int[] at = {0};
    while (at[0] < encoded.length) {
      int length = (int) varint(encoded, at);
      long count = varint(encoded, at);
      counts.add(encoded, at[0], at[0] + length, count);
      at[0] += length;
    }
  }

  /** The bucket of a word: a hash of its bytes that is the same in every JVM. */
  static int bucketOf(byte[] bytes, int from, int to, int buckets) {
    long h = 0x9E3779B97F4A7C15L * (to - from + 1);
    for (int i = from; i < to; i++) h = (h ^ (bytes[i] & 0xFF)) * 0x100000001B3L;
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    return (int) Long.remainderUnsigned(h, buckets);
  }

  /** Reads the varint at {@code at[0]} and moves past it. */
  static long varint(byte[] in, int[] at) {
    long value = 0;
    for (int shift = 0; ; shift += 7) {
      byte b = in[at[0]++];
      value |= (long) (b & 0x7F) << shift;
      if (b >= 0) return value;
    }
  }

  /** A growing byte array that writes varints. */
  static final class Output extends ByteArrayOutputStream {
    void varint(long value) {
      while ((value & ~0x7FL) != 0) {
        write((int) (value & 0x7F) | 0x80);
        value >>>= 7;
      }
      write((int) value);
    }

    @Override
    public byte[] toByteArray() {
      return count == buf.length ? buf : Arrays.copyOf(buf, count);
    }
  }
}
