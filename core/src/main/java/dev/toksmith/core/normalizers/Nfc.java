package dev.toksmith.core.normalizers;

import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.core.unicode.NormalizedString;
import dev.toksmith.core.unicode.UnicodeNormalization;

/**
 * Hugging Face's {@code NFC} normalizer: canonical decomposition followed by canonical
 * composition, with that library's Unicode version and alignment
 * (see {@link UnicodeNormalization}).
 */
public final class Nfc implements Normalizer {
  public static final Nfc INSTANCE = new Nfc();

  private Nfc() {}

  /** A character composes only with those after it, and none composes with an ASCII one after it. */
  @Override
  public boolean cutsCleanlyAt(CharSequence text, int at) {
    return at < text.length() && text.charAt(at) < 0x80;
  }

  @Override
  public void normalize(NormalizedString text) {
    UnicodeNormalization.normalize(text, UnicodeNormalization.Form.NFC);
  }

  @Override
  public boolean leavesUnchanged(byte[] utf8, int from, int to, boolean raw) {
    return UnicodeNormalization.isStable(utf8, from, to, raw, UnicodeNormalization.Form.NFC);
  }

  @Override
  public Stage describe() {
    return Stage.of("NFC");
  }
}
