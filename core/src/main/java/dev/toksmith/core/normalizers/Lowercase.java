package dev.toksmith.core.normalizers;

import dev.toksmith.core.NormalizedString;
import dev.toksmith.core.unicode.CaseMapping;

/**
 * Hugging Face's {@code Lowercase} normalizer: every character lowercased on its own, with that library's
 * Unicode version and alignment; see {@link CaseMapping}.
 */
public final class Lowercase implements Normalizer {
  public static final Lowercase INSTANCE = new Lowercase();

  private Lowercase() {}

  @Override
  public boolean mayChange(CharSequence text) {
    return CaseMapping.firstChange(text) < text.length();
  }

  @Override
  public void normalize(NormalizedString text) {
    CaseMapping.lowercase(text);
  }
}
