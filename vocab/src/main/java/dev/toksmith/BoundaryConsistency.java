package dev.toksmith;

import dev.toksmith.api.Encoding;
import dev.toksmith.api.Tokenizer;

/**
 * Whether a tokenizer cuts noisy text (OCR output, say) where it cuts the clean text it stands for:
 * the share of the clean text's token boundaries that the noisy text keeps, the property that makes
 * the KL3M character tokenizers suit OCR correction.
 *
 * <p>A <em>boundary</em> is a position (a gap between code points) where a token starts or ends, by
 * the offsets of the encoding (a character split between byte tokens gives no boundary inside
 * it). The clean text's boundaries counted are the interior ones, positions 1..n-1; the noisy text's
 * start and end also count as boundaries, so that a clean boundary whose text was deleted up to the
 * noisy start is kept. The two texts are aligned by {@link EditAlignment}; a clean boundary is
 * <em>kept</em> when any noisy position it lines up with is a noisy boundary (several noisy positions
 * line up with it where the noise inserted code points at that gap).
 *
 * <pre>{@code
 * BoundaryConsistency kept = BoundaryConsistency.measure(Tokenizers.load("gpt2"), "the court held", "tne court he1d");
 * double share = kept.share();
 * }</pre>
 *
 * @param cleanBoundaries interior token boundaries of the clean text
 * @param kept how many of them the noisy text keeps
 */
public record BoundaryConsistency(long cleanBoundaries, long kept) {

  /** Kept / clean boundaries, 0..1; NaN when the clean text has no interior boundary. */
  public double share() {
    return cleanBoundaries == 0 ? Double.NaN : (double) kept / cleanBoundaries;
  }

  /** Both counts summed, to pool several pairs (the share of the pool weighs pairs by boundaries). */
  public BoundaryConsistency plus(BoundaryConsistency other) {
    return new BoundaryConsistency(cleanBoundaries + other.cleanBoundaries, kept + other.kept);
  }

  /** Measures one pair with {@code tokenizer}, each text encoded whole without special tokens. */
  public static BoundaryConsistency measure(Tokenizer tokenizer, String clean, String noisy) {
    return measure(tokenizer, clean, noisy, EditAlignment.of(clean, noisy));
  }

  /**
   * Measures one pair given its alignment ({@code EditAlignment.of(clean, noisy)}), which depends on
   * the texts only: align a pair once to measure it with several tokenizers.
   */
  public static BoundaryConsistency measure(Tokenizer tokenizer, String clean, String noisy, EditAlignment alignment) {
    Tokenizer plain = tokenizer.withTruncation(null).withPadding(null);
    return measure(boundaries(plain, clean), boundaries(plain, noisy), alignment);
  }

  /**
   * Measures given boundaries: {@code clean[i]} (i = 0..n) says whether clean position {@code i} is a
   * token boundary, {@code noisy[j]} (j = 0..m) the same for the noisy text; the ends of either
   * array are ignored or taken as boundaries as the class describes.
   */
  static BoundaryConsistency measure(boolean[] clean, boolean[] noisy, EditAlignment alignment) {
    int m = noisy.length - 1;
    // noisyBefore[j]: noisy boundaries at positions < j, so a run first..last holds one if the count differs.
    int[] noisyBefore = new int[m + 2];
    for (int j = 0; j <= m; j++) noisyBefore[j + 1] = noisyBefore[j] + (noisy[j] || j == 0 || j == m ? 1 : 0);
    long total = 0;
    long kept = 0;
    for (int i = 1; i < clean.length - 1; i++) {
      if (!clean[i]) continue;
      total++;
      if (noisyBefore[alignment.lastNoisy(i) + 1] > noisyBefore[alignment.firstNoisy(i)]) kept++;
    }
    return new BoundaryConsistency(total, kept);
  }

  /** The token boundaries of {@code text}, by code point position 0..n. */
  static boolean[] boundaries(Tokenizer tokenizer, String text) {
    int[] codePointAt = new int[text.length() + 1];
    int cp = 0;
    for (int u = 0; u < text.length(); u++) {
      codePointAt[u] = cp;
      if (!(Character.isHighSurrogate(text.charAt(u)) && u + 1 < text.length() && Character.isLowSurrogate(text.charAt(u + 1)))) cp++;
    }
    codePointAt[text.length()] = cp;
    boolean[] boundary = new boolean[cp + 1];
    Encoding encoding = tokenizer.encode(text, false);
    for (int t = 0; t < encoding.size(); t++) {
      boundary[codePointAt[encoding.start(t)]] = true;
      boundary[codePointAt[encoding.end(t)]] = true;
    }
    return boundary;
  }
}
