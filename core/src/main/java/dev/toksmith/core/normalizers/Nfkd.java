package dev.toksmith.core.normalizers;

import dev.toksmith.core.unicode.UnicodeNormalization;

/** Hugging Face's {@code NFKD} normalizer: compatibility decomposition (see {@link UnicodeNormalization}). */
public final class Nfkd extends UnicodeFormNormalizer {
  public static final Nfkd INSTANCE = new Nfkd();

  private Nfkd() {
    super(UnicodeNormalization.Form.NFKD);
  }
}
