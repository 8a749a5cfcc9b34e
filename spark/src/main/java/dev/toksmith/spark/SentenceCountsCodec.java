package dev.toksmith.spark;

import dev.toksmith.SentencePieceCounts;
import dev.toksmith.Utf8Text;

/**
 * SentencePiece's counts as bytes, for the shuffle, as {@link CountsCodec} moves word counts: each
 * bucket starts with the sentences and skipped sentences counted (in the first bucket; zero in the
 * others), then holds each (word, next character) as that character plus one, the word's length and
 * count, and its bytes. A word's bytes are its WTF-8, so that an unpaired surrogate (a JSON line may
 * hold one) travels exactly; its bucket is a hash of those bytes, whatever character follows it.
 */
final class SentenceCountsCodec {
  private SentenceCountsCodec() {}

  /** The counts in {@code buckets} encoded parts, each word in the same bucket whatever the table. */
  static byte[][] encode(SentencePieceCounts counts, int buckets) {
    CountsCodec.Output[] out = new CountsCodec.Output[buckets];
    for (int b = 0; b < buckets; b++) {
      out[b] = new CountsCodec.Output();
      out[b].varint(b == 0 ? counts.sentences() : 0);
      out[b].varint(b == 0 ? counts.skippedSentences() : 0);
    }
    counts.forEachWord((word, next, count) -> {
      byte[] bytes = Utf8Text.encode(word);
      CountsCodec.Output o = out[CountsCodec.bucketOf(bytes, 0, bytes.length, buckets)];
      o.varint(next + 1L);
      o.varint(bytes.length);
      o.varint(count);
      o.write(bytes, 0, bytes.length);
    });
    byte[][] encoded = new byte[buckets][];
    for (int b = 0; b < buckets; b++) encoded[b] = out[b].toByteArray();
    return encoded;
  }

  /** Adds the counts {@link #encode} wrote to {@code counts}. */
  static void decodeInto(byte[] encoded, SentencePieceCounts counts) {
    int[] at = {0};
    counts.addSentences(CountsCodec.varint(encoded, at), CountsCodec.varint(encoded, at));
    while (at[0] < encoded.length) {
      int next = (int) (CountsCodec.varint(encoded, at) - 1);
      int length = (int) CountsCodec.varint(encoded, at);
      long count = CountsCodec.varint(encoded, at);
      counts.addWord(Utf8Text.decode(encoded, at[0], at[0] + length), next, count);
      at[0] += length;
    }
  }
}
