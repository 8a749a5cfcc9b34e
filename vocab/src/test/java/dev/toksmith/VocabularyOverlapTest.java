package dev.toksmith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VocabularyOverlapTest {
  @Test
  void surfaceFormsAreWhatATokenAddsToRunningText() {
    // No decoder: tokens decode joined by spaces, so a word token adds " word" after another token.
    assertEquals(Set.of(" the", " court", " [UNK]"), VocabularyOverlap.surfaceForms(TinyTokenizers.words("the", "court")));
    // Byte-fallback tokens stand for their byte; letters for themselves.
    Set<String> letters = VocabularyOverlap.surfaceForms(TinyTokenizers.lettersWithByteFallback("ab"));
    assertEquals(256, letters.size(), "a and b are also the bytes 0x61 and 0x62");
    assertTrue(letters.contains("a") && letters.contains("\u00ff"));
  }

  @Test
  void jaccardIsSharedOverUnion() {
    Set<String> a = VocabularyOverlap.surfaceForms(TinyTokenizers.words("the", "court"));
    Set<String> b = VocabularyOverlap.surfaceForms(TinyTokenizers.words("the", "judge", "held"));
    VocabularyOverlap overlap = VocabularyOverlap.of("a", a, "b", b);
    // {the, court, [UNK]} and {the, judge, held, [UNK]}: 2 shared of 5.
    assertEquals(new VocabularyOverlap("a", "b", 3, 4, 2), overlap);
    assertEquals(2.0 / 5, overlap.jaccard(), 1e-12);
    assertEquals(List.of(overlap), VocabularyOverlap.pairwise(List.of("a", "b"), List.of(a, b)));
  }
}
