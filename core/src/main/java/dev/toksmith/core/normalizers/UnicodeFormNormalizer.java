package dev.toksmith.core.normalizers;

import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.core.unicode.NormalizedString;
import dev.toksmith.core.unicode.UnicodeNormalization;

/**
 * Hugging Face's four Unicode normalization forms, {@code NFC}, {@code NFD}, {@code NFKC} and {@code
 * NFKD}: one form of {@link UnicodeNormalization} each, with that library's Unicode version and
 * alignment, and the type the form is named by. A class per form, as tokenizer.json has a type per form.
 */
abstract sealed class UnicodeFormNormalizer implements Normalizer permits Nfc, Nfd, Nfkc, Nfkd {
  private final UnicodeNormalization.Form form;

  UnicodeFormNormalizer(UnicodeNormalization.Form form) {
    this.form = form;
  }

  /** A character composes only with those after it, and none composes with an ASCII one after it. */
  @Override
  public boolean cutsCleanlyAt(CharSequence text, int at) {
    return at < text.length() && text.charAt(at) < 0x80;
  }

  @Override
  public void normalize(NormalizedString text) {
    UnicodeNormalization.normalize(text, form);
  }

  @Override
  public boolean leavesUnchanged(byte[] utf8, int from, int to, boolean raw) {
    return UnicodeNormalization.isStable(utf8, from, to, raw, form);
  }

  @Override
  public Stage describe() {
    return Stage.of(form.name());
  }
}
