package dev.toksmith;

import dev.toksmith.api.Tokenizer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How much two vocabularies share, compared by what tokens stand for rather than how files spell
 * them ({@code Ġthe}, {@code ▁the} and {@code the} with a space before it are one entry).
 *
 * <p>A token's <em>surface form</em> is the bytes it adds to running text: the bytes that decoding
 * {@code [id, id]} gives beyond decoding {@code [id]}. That undoes each family's conventions through
 * its own decoder: GPT-2's {@code Ġ} and SentencePiece's {@code ▁} become a space, a WordPiece
 * {@code ##} continuation loses its prefix while a word-initial WordPiece token gains a space, as in
 * text. A byte-fallback token {@code <0xNN>} stands for its one byte. Special tokens are left out,
 * and so are tokens that decode to nothing. Tokens with the same surface form count once.
 *
 * <p>The measure is the Jaccard index of the two sets of surface forms: shared forms / forms in
 * either vocabulary.
 *
 * <pre>{@code
 * Set<String> gpt2 = VocabularyOverlap.surfaceForms(Tokenizers.load("gpt2"));
 * Set<String> o200k = VocabularyOverlap.surfaceForms(Tokenizers.load("o200k_base"));
 * double jaccard = VocabularyOverlap.of("gpt2", gpt2, "o200k", o200k).jaccard();
 * }</pre>
 *
 * @param first the first tokenizer's name
 * @param second the second tokenizer's name
 * @param firstSize distinct surface forms of the first
 * @param secondSize distinct surface forms of the second
 * @param shared surface forms in both
 */
public record VocabularyOverlap(String first, String second, int firstSize, int secondSize, int shared) {

  /** Shared surface forms / surface forms in either vocabulary; NaN when both are empty. */
  public double jaccard() {
    int union = firstSize + secondSize - shared;
    return union == 0 ? Double.NaN : (double) shared / union;
  }

  /** Compares two sets of surface forms made by {@link #surfaceForms}. */
  public static VocabularyOverlap of(String first, Set<String> firstForms, String second, Set<String> secondForms) {
    Set<String> smaller = firstForms.size() <= secondForms.size() ? firstForms : secondForms;
    Set<String> larger = smaller == firstForms ? secondForms : firstForms;
    int shared = 0;
    for (String form : smaller) if (larger.contains(form)) shared++;
    return new VocabularyOverlap(first, second, firstForms.size(), secondForms.size(), shared);
  }

  /**
   * The distinct surface forms of {@code tokenizer}'s vocabulary, each byte string held as a string
   * with one char per byte (ISO-8859-1), so that sets of them compare bytes exactly.
   */
  public static Set<String> surfaceForms(Tokenizer tokenizer) {
    FallbackTokens fallback = FallbackTokens.of(tokenizer);
    Set<String> forms = new HashSet<>();
    int bound = tokenizer.idBound();
    for (int id = 0; id < bound; id++) {
      if (tokenizer.idToToken(id).isEmpty() || tokenizer.isSpecialToken(id)) continue;
      int fallbackByte = fallback.byteOf(id);
      if (fallbackByte >= 0) {
        forms.add(String.valueOf((char) fallbackByte));
        continue;
      }
      byte[] once = tokenizer.decodeBytes(new int[] {id}, false);
      byte[] twice = tokenizer.decodeBytes(new int[] {id, id}, false);
      if (twice.length > once.length) {
        forms.add(new String(twice, once.length, twice.length - once.length, StandardCharsets.ISO_8859_1));
      }
    }
    return forms;
  }

  /** Every pair of the named tokenizers, in order: (0,1), (0,2), ..., (1,2), ... */
  public static List<VocabularyOverlap> pairwise(List<String> names, List<Set<String>> forms) {
    List<VocabularyOverlap> pairs = new ArrayList<>();
    for (int a = 0; a < names.size(); a++) {
      for (int b = a + 1; b < names.size(); b++) pairs.add(of(names.get(a), forms.get(a), names.get(b), forms.get(b)));
    }
    return pairs;
  }
}
