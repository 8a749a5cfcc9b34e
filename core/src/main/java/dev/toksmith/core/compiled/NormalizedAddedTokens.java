package dev.toksmith.core.compiled;

/**
 * What the fast paths read of a pipeline's added tokens: the ones matched in normalized text (those
 * matched in the raw text are cut out before a fast path sees a segment). The added vocabulary
 * implements it, so that the fast paths do not depend on the package of the pipeline that compiles
 * them.
 */
public interface NormalizedAddedTokens {
  /** Receives the parts of a text: an added token (id >= 0) or a gap to process further (id -1). */
  @FunctionalInterface
  interface Parts {
    void part(int start, int end, int id);
  }

  /** Whether any added token is matched in normalized text. */
  boolean hasNormalizedTokens();

  /** Whether a token matched in normalized text could be in the normalized UTF-8 {@code utf8[from, to)} (false: none is). */
  boolean mayHaveNormalizedTokens(byte[] utf8, int from, int to);

  /** Cuts the tokens matched in normalized text out of a normalized segment. */
  void splitNormalized(String text, Parts out);
}
