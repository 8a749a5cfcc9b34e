package dev.toksmith.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.WordCounts;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CountsCodecTest {
  @Test
  void bucketsHoldEveryWordOnceWithItsCount() {
    Random random = new Random(9);
    WordCounts counts = new WordCounts();
    for (int i = 0; i < 5000; i++) {
      byte[] word = new byte[4 + random.nextInt(40)];
      random.nextBytes(word);
      word[0] = (byte) i;
      word[1] = (byte) (i >> 8);
      counts.add(word, 0, word.length, 1 + (random.nextInt(10) == 0 ? Long.MAX_VALUE / 4 : random.nextInt(1000)));
    }
    Map<String, Long> expected = table(counts);
    byte[][] buckets = CountsCodec.encode(counts, 7);
    WordCounts decoded = new WordCounts();
    for (int b = 0; b < buckets.length; b++) {
      WordCounts bucket = new WordCounts();
      CountsCodec.decodeInto(buckets[b], bucket);
      int at = b;
      bucket.forEach((bytes, from, to, count) -> assertEquals(at, CountsCodec.bucketOf(bytes, from, to, 7)));
      assertTrue(bucket.size() > 500, "words spread over the buckets");
      CountsCodec.decodeInto(buckets[b], decoded);
    }
    assertEquals(expected, table(decoded));
  }

  @Test
  void aWordsBucketDependsOnItsBytesOnly() {
    byte[] word = "Ġthe".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] padded = new byte[word.length + 4];
    System.arraycopy(word, 0, padded, 2, word.length);
    assertEquals(CountsCodec.bucketOf(word, 0, word.length, 13), CountsCodec.bucketOf(padded, 2, 2 + word.length, 13));
  }

  private static Map<String, Long> table(WordCounts counts) {
    Map<String, Long> table = new HashMap<>();
    counts.forEach((bytes, from, to, count) -> table.put(Arrays.toString(Arrays.copyOfRange(bytes, from, to)), count));
    return table;
  }
}
