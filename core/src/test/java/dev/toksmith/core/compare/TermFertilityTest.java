package dev.toksmith.core.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TermFertilityTest {
  @Test
  void countsTokensPerBareTermAndRanksTheWorst() {
    // One token per letter of "resjudicat"; spaces fall back to one byte token each.
    TermFertility f = TermFertility.measure("letters", TinyTokenizers.lettersWithByteFallback("resjudicat"), List.of("res judicata", "res", "judicata"));
    assertEquals(12 + 3 + 8, f.tokens());
    assertEquals(23.0 / 3, f.tokensPerTerm(), 1e-12);
    List<TermFertility.Segmentation> worst = f.worst(2);
    assertEquals(List.of("res judicata", "judicata"), worst.stream().map(TermFertility.Segmentation::term).toList());
    assertEquals(List.of("r", "e", "s"), f.segmentations().get(1).tokens());
    assertEquals(List.of("r", "e", "s", " ", "j", "u", "d", "i", "c", "a", "t", "a"), worst.get(0).tokens());
  }

  @Test
  void aCharacterSplitAcrossTokensShowsItsBytes() {
    // One token per byte; § is C2 A7 and é is C3 A9. Decoded texts would give each first byte's token
    // "" and the second byte's token the whole character.
    TermFertility f = TermFertility.measure("bytes", TinyTokenizers.bytes(), List.of("a§é", "a"));
    assertEquals(List.of("a", "\\xc2", "\\xa7", "\\xc3", "\\xa9"), f.segmentations().get(0).tokens());
    assertEquals(List.of("a"), f.segmentations().get(1).tokens());
    // Byte fallback decodes a lone byte to U+FFFD, so there each token shows its decoded text.
    TermFertility fallback = TermFertility.measure("letters", TinyTokenizers.lettersWithByteFallback("a"), List.of("a§"));
    assertEquals(List.of("a", "", "§"), fallback.segmentations().get(0).tokens());
  }

  @Test
  void tiesKeepListOrderAndEmptyListsHaveNoMean() {
    TermFertility f = TermFertility.measure("words", TinyTokenizers.words("a"), List.of("x y", "a b", "c"));
    assertEquals(List.of("x y", "a b"), f.worst(2).stream().map(TermFertility.Segmentation::term).toList());
    assertTrue(Double.isNaN(TermFertility.measure("words", TinyTokenizers.words(), List.of()).tokensPerTerm()));
  }
}
