package dev.toksmith.vocab.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.toksmith.core.normalizers.Lowercase;
import dev.toksmith.core.normalizers.Nfkc;
import dev.toksmith.core.normalizers.NormalizerSequence;
import dev.toksmith.core.normalizers.Replace;
import dev.toksmith.core.normalizers.Strip;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Normalizers described with the type names they are registered under. */
class StageNamesTest {
  @Test
  void namesAreTheTokenizerJsonTypes() {
    assertEquals("NFKC, Lowercase", StageNames.describe(new NormalizerSequence(List.of(Nfkc.INSTANCE, Lowercase.INSTANCE))));
    assertEquals("Strip, Replace", StageNames.describe(new NormalizerSequence(List.of(new Strip(true, true), new Replace(" ", false, "\u2581")))));
  }
}
