package dev.toksmith;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.toksmith.api.Tokenizer;
import dev.toksmith.samples.Samples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** A tokenizer loaded alongside is the one {@link Tokenizers#load} gives, fails as it fails, and a cancelled load is over. */
class PendingTokenizerTest {
  @Test
  void joinGivesTheTokenizerLoadGives() throws IOException {
    byte[] text = Samples.byName("udhr-deu").text().getBytes(StandardCharsets.UTF_8);
    for (String spec : new String[] {"o200k_base", "gpt2", "unicode"}) {
      PendingTokenizer pending = PendingTokenizer.start(spec, null);
      assertEquals(spec, pending.spec());
      Tokenizer loaded = pending.join();
      assertArrayEquals(Tokenizers.load(spec).encodeBytes(text), loaded.encodeBytes(text), spec);
    }
  }

  @Test
  void aFailedLoadThrowsWhatLoadThrows() {
    for (String spec : new String[] {"o201k_base", "no/such/tokenizer.json", "word-pooled:bytes"}) {
      IOException direct = assertThrows(IOException.class, () -> Tokenizers.load(spec, null));
      IOException ahead = assertThrows(IOException.class, () -> PendingTokenizer.start(spec, null).join());
      assertEquals(direct.getClass(), ahead.getClass(), spec);
      assertEquals(direct.getMessage(), ahead.getMessage(), spec);
    }
  }

  @Test
  void aCancelledLoadHasEndedAndGivesNothing() {
    PendingTokenizer pending = PendingTokenizer.start("cl100k_base", null);
    pending.cancel();
    assertEquals(0, Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("toksmith-alongside") && t.isAlive()).count(),
        "no loading thread is left once cancel returns");
    assertThrows(CancellationException.class, pending::join);
  }
}
