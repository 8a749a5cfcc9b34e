package dev.toksmith;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.toksmith.api.Tokenizer;
import dev.toksmith.api.TrainingResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The n-grams counted by hand on a tiny corpus (see NgramCounterTest), reached by the trained tokenizer. */
class UnicodeNgramTrainerTest {

  @Test
  void theTrainedTokenizerReachesItsNgrams() throws IOException {
    byte[] text = "the then thee\n".getBytes(StandardCharsets.UTF_8);
    Corpus corpus = Corpus.ofSources(List.of(new Corpus.Source("tiny", () -> new ByteArrayInputStream(text))));
    TrainingResult result = UnicodeNgramTrainer.builder().ngramSizes(List.of(2, 3)).perScript(2).minFrequency(1).build().train(corpus);
    Tokenizer tok = result.tokenizer();
    // the hee he th at 0xD800..; merges t+he, th+e, he+e, h+e, t+h.
    assertEquals(5, result.merges());
    assertEquals(7, result.distinctWords());
    assertArrayEquals(new int[] {0xD800}, tok.encodeIds("the"));
    assertArrayEquals(new int[] {0xD800, 101}, tok.encodeIds("thee"));
    assertArrayEquals(new int[] {0xD803, 0xD801, 32, 0xD802}, tok.encodeIds("thhee he"));
  }
}
