package dev.toksmith.core.normalizers;

import dev.toksmith.core.unicode.UnicodeNormalization;

/** Hugging Face's {@code NFKC} normalizer: compatibility decomposition followed by canonical composition (see {@link UnicodeNormalization}). */
public final class Nfkc extends UnicodeFormNormalizer {
  public static final Nfkc INSTANCE = new Nfkc();

  private Nfkc() {
    super(UnicodeNormalization.Form.NFKC);
  }
}
