package dev.toksmith.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.core.decoders.BpeDecoder;
import dev.toksmith.core.decoders.CtcDecoder;
import dev.toksmith.core.decoders.Decoder;
import dev.toksmith.core.decoders.DecoderSequence;
import dev.toksmith.core.decoders.FuseDecoder;
import dev.toksmith.core.decoders.ReplaceDecoder;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@link RedecodingStream} with Hugging Face's decoders over a small vocabulary whose id 0 is a
 * special token the decoding skips: what each step writes is a prefix of the decoding of the ids so
 * far and everything joins to the decoding of all; and, for local decoders, each step decodes a few
 * ids however long the stream and however many skipped ids it holds.
 */
class RedecodingStreamTest {
  private static final List<String> TOKENS = List.of("<s>", "a", "b", "a</w>", "b</w>", "</w>", "<pad>", "|", "é", "😀", " ", "x y", "ab</w>", "x</w>y");
  /** Ids the decoding skips: the special token. */
  private static final int SKIPPED = 0;

  /** A decoding of ids that skips id 0, as a pipeline does with {@code skipSpecialTokens}, and counts the ids it is given. */
  private static final class Decoding implements Function<int[], String> {
    private final Decoder decoder;
    long idsDecoded;
    int longest;

    Decoding(Decoder decoder) {
      this.decoder = decoder;
    }

    @Override
    public String apply(int[] ids) {
      idsDecoded += ids.length;
      longest = Math.max(longest, ids.length);
      List<String> tokens = new ArrayList<>();
      for (int id : ids) {
        if (id < 0 || id >= TOKENS.size()) throw new IllegalArgumentException("id " + id);
        if (id != SKIPPED) tokens.add(TOKENS.get(id));
      }
      return String.join("", decoder.decodeChain(tokens));
    }
  }

  private static List<Decoder> localDecoders() {
    return List.of(new BpeDecoder("</w>"), new CtcDecoder("<pad>", "|", true), new DecoderSequence(List.of(new CtcDecoder("<pad>", "|", false), new BpeDecoder("</w>"))));
  }

  @Test
  void everyStepWritesAPrefixAndAllJoinsToTheDecoding() {
    List<Decoder> decoders = new ArrayList<>(localDecoders());
    decoders.add(new DecoderSequence(List.of(FuseDecoder.INSTANCE, new ReplaceDecoder("a b", false, "_"))));
    Random random = new Random(7);
    for (Decoder decoder : decoders) {
      boolean local = !(decoder instanceof DecoderSequence seq && seq.decoders().contains(FuseDecoder.INSTANCE));
      for (int n = 0; n < 500; n++) {
        int[] ids = random.ints(random.nextInt(40), 0, TOKENS.size()).toArray();
        Decoding decoding = new Decoding(decoder);
        RedecodingStream stream = new RedecodingStream(decoding, id -> id != SKIPPED, local);
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < ids.length; k++) {
          out.append(stream.step(ids[k]));
          String sofar = decoding.apply(Arrays.copyOf(ids, k + 1));
          assertTrue(sofar.startsWith(out.toString()), decoder + " " + Arrays.toString(ids) + " after " + (k + 1));
        }
        assertEquals(decoding.apply(ids), out.append(stream.finish()).toString(), decoder + " " + Arrays.toString(ids));
      }
    }
  }

  /**
   * 200,000 ids, most of them skipped in long runs: each step of a local decoder decodes a window of a
   * few decoded ids. The old stream kept every id and put the skipped ones in its windows, so each
   * step decoded eight runs of them.
   */
  @Test
  void aLongStreamDecodesAFewIdsAStep() {
    Random random = new Random(11);
    IntArrayList ids = new IntArrayList();
    while (ids.size() < 200_000) {
      ids.add(1 + random.nextInt(TOKENS.size() - 1));
      for (int run = random.nextInt(2_000); run > 0; run--) ids.add(SKIPPED);
    }
    for (Decoder decoder : localDecoders()) {
      Decoding decoding = new Decoding(decoder);
      RedecodingStream stream = new RedecodingStream(decoding, id -> id != SKIPPED, true);
      StringBuilder out = new StringBuilder();
      for (int id : ids) out.append(stream.step(id));
      out.append(stream.finish());
      assertTrue(decoding.longest <= 16, decoder + ": a step decoded " + decoding.longest + " ids at once");
      assertTrue(decoding.idsDecoded <= 40L * ids.size(), decoder + ": " + decoding.idsDecoded + " ids decoded for " + ids.size());
      assertEquals(new Decoding(decoder).apply(ids.toIntArray()), out.toString(), decoder.toString());
    }
  }
}
