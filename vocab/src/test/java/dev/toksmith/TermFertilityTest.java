package dev.toksmith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.api.Tokenizer;
import java.io.IOException;
import java.io.InputStream;
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
    // Byte-fallback tokens are their bytes (decoded alone, a lone byte would be U+FFFD, and among
    // decoded texts the first byte's token empty): <0xC2> <0xA7> as \xc2 \xa7, <0x09> as a tab.
    TermFertility fallback = TermFertility.measure("letters", TinyTokenizers.lettersWithByteFallback("a"), List.of("a§", "a\t"));
    assertEquals(List.of("a", "\\xc2", "\\xa7"), fallback.segmentations().get(0).tokens());
    assertEquals(List.of("a", "\t"), fallback.segmentations().get(1).tokens());
  }

  /**
   * The same through a decoder whose tokens do not decode to their own bytes (Llama 2's: Metaspace,
   * byte fallback, fuse, strip): € (E2 82 AC, not in its 4,000 pieces) is three byte-fallback tokens,
   * shown by their bytes rather than as "", "" and "€".
   */
  @Test
  void byteFallbackTokensShowTheirBytesAmongDecodedTexts() throws IOException {
    Tokenizer llama2;
    try (InputStream in = TermFertilityTest.class.getResourceAsStream("/families/llama2.json")) {
      llama2 = Tokenizers.load(in, "llama2.json");
    }
    List<String> tokens = TermFertility.measure("llama2", llama2, List.of("5 €")).segmentations().get(0).tokens();
    assertEquals(List.of("\\xe2", "\\x82", "\\xac"), tokens.subList(tokens.size() - 3, tokens.size()), tokens.toString());
    assertTrue(tokens.stream().noneMatch(String::isEmpty), tokens.toString());
  }

  @Test
  void tiesKeepListOrderAndEmptyListsHaveNoMean() {
    TermFertility f = TermFertility.measure("words", TinyTokenizers.words("a"), List.of("x y", "a b", "c"));
    assertEquals(List.of("x y", "a b"), f.worst(2).stream().map(TermFertility.Segmentation::term).toList());
    assertTrue(Double.isNaN(TermFertility.measure("words", TinyTokenizers.words(), List.of()).tokensPerTerm()));
  }
}
