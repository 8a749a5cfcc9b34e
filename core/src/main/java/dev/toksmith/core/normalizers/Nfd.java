package dev.toksmith.core.normalizers;

import dev.toksmith.core.unicode.UnicodeNormalization;

/** Hugging Face's {@code NFD} normalizer: canonical decomposition (see {@link UnicodeNormalization}). */
public final class Nfd extends UnicodeFormNormalizer {
  public static final Nfd INSTANCE = new Nfd();

  private Nfd() {
    super(UnicodeNormalization.Form.NFD);
  }
}
