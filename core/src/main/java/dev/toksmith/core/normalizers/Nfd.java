package dev.toksmith.core.normalizers;

import dev.toksmith.core.NormalizedString;
import dev.toksmith.core.unicode.UnicodeNormalization;

/**
 * Hugging Face's {@code NFD} normalizer: canonical decomposition, with that library's Unicode
 * version and alignment (see {@link UnicodeNormalization}).
 */
public final class Nfd implements Normalizer {
  public static final Nfd INSTANCE = new Nfd();

  private Nfd() {}

  @Override
  public boolean mayChange(CharSequence text) {
    return !UnicodeNormalization.isStable(text, UnicodeNormalization.Form.NFD);
  }

  @Override
  public void normalize(NormalizedString text) {
    UnicodeNormalization.normalize(text, UnicodeNormalization.Form.NFD);
  }
}
