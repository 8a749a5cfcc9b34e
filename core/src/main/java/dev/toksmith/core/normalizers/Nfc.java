package dev.toksmith.core.normalizers;

import dev.toksmith.core.unicode.UnicodeNormalization;

/** Hugging Face's {@code NFC} normalizer: canonical decomposition followed by canonical composition (see {@link UnicodeNormalization}). */
public final class Nfc extends UnicodeFormNormalizer {
  public static final Nfc INSTANCE = new Nfc();

  private Nfc() {
    super(UnicodeNormalization.Form.NFC);
  }
}
