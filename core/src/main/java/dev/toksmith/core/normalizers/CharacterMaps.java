package dev.toksmith.core.normalizers;

import dev.toksmith.core.unicode.NormalizedString;
import java.util.function.IntUnaryOperator;

/** Hugging Face's {@code NormalizedString::map}, which the normalizers share. */
final class CharacterMaps {
  private CharacterMaps() {}

  /**
   * Replaces every character by {@code mapping} of it, one for one. Like the reference this always
   * transforms, also when nothing changes, which matters for text that starts with inserted characters
   * (see {@link NormalizedString#transform(int[], int[], int, int)}).
   */
  static void map(NormalizedString text, IntUnaryOperator mapping) {
    int[] codePoints = text.get().codePoints().map(mapping).toArray();
    text.transform(codePoints, new int[codePoints.length], codePoints.length);
  }
}
