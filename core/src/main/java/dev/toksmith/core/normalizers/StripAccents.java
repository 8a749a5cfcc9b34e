package dev.toksmith.core.normalizers;

import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.core.text.Utf8Chars;
import dev.toksmith.core.unicode.NormalizedString;
import dev.toksmith.core.unicode.UnicodeNormalization;

/**
 * Hugging Face's {@code StripAccents} normalizer: removes every combining mark (General_Category Mn, Mc
 * or Me in the Unicode 9.0 tables of {@code unicode-normalization-alignments}). It does not decompose
 * first: put NFD or NFKD before it to strip the accents of precomposed letters.
 */
public final class StripAccents implements Normalizer {
  public static final StripAccents INSTANCE = new StripAccents();

  private StripAccents() {}

  /** Each character is normalized on its own. */
  @Override
  public boolean cutsCleanlyAt(CharSequence text, int at) {
    return true;
  }

  @Override
  public boolean leavesUnchanged(byte[] utf8, int from, int to, boolean raw) {
    return Utf8Chars.noneMatch(utf8, from, to, raw, UnicodeNormalization::isCombiningMark);
  }

  @Override
  public void normalize(NormalizedString text) {
    text.filter(cp -> !UnicodeNormalization.isCombiningMark(cp));
  }

  @Override
  public Stage describe() {
    return Stage.of("StripAccents");
  }
}
