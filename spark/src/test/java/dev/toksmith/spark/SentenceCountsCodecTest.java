package dev.toksmith.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.SentencePieceCounts;
import dev.toksmith.SentencePieceTrainer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SentencePiece's counts survive the shuffle exactly: every (word, next character), the sentence counts, unpaired surrogates. */
class SentenceCountsCodecTest {
  @Test
  void bucketsHoldEveryWordOnceAndTheSentenceCountsOnce() {
    SentencePieceTrainer trainer = SentencePieceTrainer.unigram().build();
    SentencePieceCounts counts = trainer.newCounts();
    for (int i = 0; i < 3000; i++) counts.addSentence("word" + (i % 700) + " next " + (i % 13) + " 東京 😀 lone \uD800 end");
    counts.addSentence("x".repeat(5000));
    counts.addWord("\uDC00tail", 0x1F600, Long.MAX_VALUE / 8);
    Map<String, Long> expected = table(counts);
    assertEquals(1, counts.skippedSentences());
    byte[][] buckets = SentenceCountsCodec.encode(counts, 5);
    SentencePieceCounts decoded = trainer.newCounts();
    for (byte[] bucket : buckets) {
      SentencePieceCounts one = trainer.newCounts();
      SentenceCountsCodec.decodeInto(bucket, one);
      assertTrue(one.distinctWords() > 50, "words spread over the buckets");
      SentenceCountsCodec.decodeInto(bucket, decoded);
    }
    assertEquals(expected, table(decoded));
    assertEquals(counts.sentences(), decoded.sentences());
    assertEquals(1, decoded.skippedSentences());
  }

  private static Map<String, Long> table(SentencePieceCounts counts) {
    Map<String, Long> table = new HashMap<>();
    counts.forEachWord((word, next, count) -> table.merge(word + "\0" + next, count, Long::sum));
    return table;
  }
}
