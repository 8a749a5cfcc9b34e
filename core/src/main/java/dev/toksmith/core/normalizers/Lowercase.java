package dev.toksmith.core.normalizers;

import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.core.text.Utf8Chars;
import dev.toksmith.core.unicode.CaseMapping;
import dev.toksmith.core.unicode.NormalizedString;

/**
 * Hugging Face's {@code Lowercase} normalizer: every character lowercased on its own, with that library's
 * Unicode version and alignment; see {@link CaseMapping}.
 */
public final class Lowercase implements Normalizer {
  public static final Lowercase INSTANCE = new Lowercase();

  private Lowercase() {}

  /** Each character is normalized on its own. */
  @Override
  public boolean cutsCleanlyAt(CharSequence text, int at) {
    return true;
  }

  @Override
  public boolean leavesUnchanged(byte[] utf8, int from, int to, boolean raw) {
    return Utf8Chars.noneMatch(utf8, from, to, raw, CaseMapping::changes);
  }

  @Override
  public void normalize(NormalizedString text) {
    CaseMapping.lowercase(text);
  }

  @Override
  public Stage describe() {
    return Stage.of("Lowercase");
  }
}
