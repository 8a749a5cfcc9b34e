package dev.toksmith;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.api.Padding;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.api.Truncation;
import dev.toksmith.samples.Samples;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The library's streaming encoder gives the ids of encodeBytes on the whole text, and is refused where it could not. */
class StreamingEncoderTest {
  @Test
  void aLongTextStreamedHasTheIdsOfTheWholeText() throws IOException {
    // Longer than one window (8,192 characters), in several scripts.
    byte[] text = (Samples.byName("moby-dick").text().substring(0, 30_000) + Samples.byName("udhr-cmn-hans").text()).getBytes(StandardCharsets.UTF_8);
    for (String name : new String[] {"o200k_base", "gpt2"}) {
      Tokenizer tok = Tokenizers.load(name);
      IntArrayList ids = new IntArrayList();
      long read = StreamingEncoder.of(tok).orElseThrow().encode(new ByteArrayInputStream(text), ids::add);
      assertEquals(text.length, read);
      assertArrayEquals(tok.encodeBytes(text), ids.toIntArray(), name);
    }
  }

  @Test
  void aTokenizerThatTruncatesOrPadsHasNone() throws IOException {
    Tokenizer tok = Tokenizers.load("gpt2");
    assertTrue(StreamingEncoder.of(tok.withTruncation(Truncation.of(8))).isEmpty());
    assertTrue(StreamingEncoder.of(tok.withPadding(Padding.fixed(8, 0, "!"))).isEmpty());
  }
}
