package dev.toksmith.core.normalizers;

import dev.toksmith.core.NormalizedString;
import dev.toksmith.core.unicode.UnicodeNormalization;

/**
 * Hugging Face's {@code StripAccents} normalizer: removes every combining mark (General_Category Mn, Mc
 * or Me in the Unicode 9.0 tables of {@code unicode-normalization-alignments}). It does not decompose
 * first: put NFD or NFKD before it to strip the accents of precomposed letters.
 */
public final class StripAccents implements Normalizer {
  public static final StripAccents INSTANCE = new StripAccents();

  private StripAccents() {}

  @Override
  public boolean mayChange(CharSequence text) {
    for (int i = 0; i < text.length(); ) {
      int cp = Character.codePointAt(text, i);
      if (UnicodeNormalization.isCombiningMark(cp)) return true;
      i += Character.charCount(cp);
    }
    return false;
  }

  @Override
  public void normalize(NormalizedString text) {
    text.filter(cp -> !UnicodeNormalization.isCombiningMark(cp));
  }
}
