package dev.toksmith.core.normalizers;

import dev.toksmith.core.NormalizedString;
import dev.toksmith.core.unicode.UnicodeNormalization;

/**
 * Hugging Face's {@code NFKC} normalizer: compatibility decomposition followed by canonical
 * composition, with that library's Unicode version and alignment
 * (see {@link UnicodeNormalization}).
 */
public final class Nfkc implements Normalizer {
  public static final Nfkc INSTANCE = new Nfkc();

  private Nfkc() {}

  @Override
  public boolean mayChange(CharSequence text) {
    return !UnicodeNormalization.isStable(text, UnicodeNormalization.Form.NFKC);
  }

  @Override
  public void normalize(NormalizedString text) {
    UnicodeNormalization.normalize(text, UnicodeNormalization.Form.NFKC);
  }
}
