package dev.toksmith.core.normalizers;

import dev.toksmith.core.NormalizedString;
import dev.toksmith.core.unicode.UnicodeNormalization;

/**
 * Hugging Face's {@code NFKD} normalizer: compatibility decomposition, with that library's Unicode
 * version and alignment (see {@link UnicodeNormalization}).
 */
public final class Nfkd implements Normalizer {
  public static final Nfkd INSTANCE = new Nfkd();

  private Nfkd() {}

  @Override
  public boolean mayChange(CharSequence text) {
    return !UnicodeNormalization.isStable(text, UnicodeNormalization.Form.NFKD);
  }

  @Override
  public void normalize(NormalizedString text) {
    UnicodeNormalization.normalize(text, UnicodeNormalization.Form.NFKD);
  }
}
