package dev.toksmith.vocab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.toksmith.ByteLevelBpeTrainer;
import dev.toksmith.Corpus;
import dev.toksmith.Tokenizers;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.samples.Sample;
import dev.toksmith.samples.Samples;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The streaming forms of encoding and decoding ({@code encodeBytes} into a sink, {@code decodeBytes}
 * into a stream, on a range of a larger array) give what the array forms give, for a tiktoken
 * encoding, a trained byte-level pipeline and a pipeline without byte-level decoder.
 */
class StreamingIdsTest {
  private static List<Tokenizer> tokenizers() throws Exception {
    List<Corpus.Source> sources = new ArrayList<>();
    for (Sample s : Samples.all()) sources.add(new Corpus.Source(s.name(), s::open));
    Tokenizer trained = ByteLevelBpeTrainer.builder().vocabSize(600).specialTokens(List.of("<|endoftext|>")).build().train(Corpus.ofSources(sources)).tokenizer();
    Tokenizer bert;
    try (var in = StreamingIdsTest.class.getResourceAsStream("/families/bert-uncased.json")) {
      bert = Tokenizers.load(in, "bert-uncased.json");
    }
    return List.of(Tokenizers.load("o200k_base"), trained, bert);
  }

  @Test
  void rangesAndSinksGiveWhatArraysGive() throws Exception {
    String text = "Hello <|endoftext|> wörld, Ωμέγα жизнь 中文 😀 123456\tend";
    byte[] line = text.getBytes(StandardCharsets.UTF_8);
    byte[] padded = new byte[line.length + 10];
    System.arraycopy(line, 0, padded, 5, line.length);
    for (Tokenizer tok : tokenizers()) {
      int[] ids = tok.encodeBytes(line);
      IntArrayList streamed = new IntArrayList();
      assertEquals(ids.length, tok.encodeBytes(padded, 5, 5 + line.length, streamed::add));
      assertArrayEquals(ids, streamed.toIntArray());
      int[] framed = new int[ids.length + 4];
      System.arraycopy(ids, 0, framed, 2, ids.length);
      for (boolean skip : new boolean[] {false, true}) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        tok.decodeBytes(framed, 2, 2 + ids.length, skip, out);
        assertArrayEquals(tok.decodeBytes(ids, skip), out.toByteArray());
      }
      assertThrows(IllegalArgumentException.class, () -> tok.decodeBytes(new int[] {0, Integer.MAX_VALUE}, 0, 2, false, new ByteArrayOutputStream()));
    }
  }
}
