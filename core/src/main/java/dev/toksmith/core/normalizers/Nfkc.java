package dev.toksmith.core.normalizers;

import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.core.unicode.NormalizedString;
import dev.toksmith.core.unicode.UnicodeNormalization;

/**
 * Hugging Face's {@code NFKC} normalizer: compatibility decomposition followed by canonical
 * composition, with that library's Unicode version and alignment
 * (see {@link UnicodeNormalization}).
 */
public final class Nfkc implements Normalizer {
  public static final Nfkc INSTANCE = new Nfkc();

  private Nfkc() {}

  /** A character composes only with those after it, and none composes with an ASCII one after it. */
  @Override
  public boolean cutsCleanlyAt(CharSequence text, int at) {
    return at < text.length() && text.charAt(at) < 0x80;
  }

  @Override
  public void normalize(NormalizedString text) {
    UnicodeNormalization.normalize(text, UnicodeNormalization.Form.NFKC);
  }

  @Override
  public boolean leavesUnchanged(byte[] utf8, int from, int to, boolean raw) {
    return UnicodeNormalization.isStable(utf8, from, to, raw, UnicodeNormalization.Form.NFKC);
  }

  @Override
  public Stage describe() {
    return Stage.of("NFKC");
  }
}
