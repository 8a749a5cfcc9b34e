package dev.toksmith.core.normalizers;

import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.core.text.Utf8Chars;
import dev.toksmith.core.unicode.NormalizedString;

/**
 * Hugging Face's {@code Nmt} normalizer, SentencePiece's NMT cleanup: removes the ASCII control
 * characters (other than tab, line feed, form feed and carriage return) and U+008F, U+009F, then turns
 * tab, line feed, form feed, carriage return, U+1680, U+200B..U+200F, U+2028, U+2029, U+2581, U+FEFF and
 * U+FFFD into spaces.
 */
public final class Nmt implements Normalizer {
  public static final Nmt INSTANCE = new Nmt();

  private Nmt() {}

  /** Each character is normalized on its own. */
  @Override
  public boolean cutsCleanlyAt(CharSequence text, int at) {
    return true;
  }

  @Override
  public boolean leavesUnchanged(byte[] utf8, int from, int to, boolean raw) {
    return Utf8Chars.noneMatch(utf8, from, to, raw, cp -> isRemoved(cp) || isSpace(cp));
  }

  @Override
  public void normalize(NormalizedString text) {
    text.filter(cp -> !isRemoved(cp));
    CharacterMaps.map(text, cp -> isSpace(cp) ? ' ' : cp);
  }

  private static boolean isRemoved(int cp) {
    return (cp >= 0x01 && cp <= 0x08) || cp == 0x0B || (cp >= 0x0E && cp <= 0x1F) || cp == 0x7F || cp == 0x8F || cp == 0x9F;
  }

  private static boolean isSpace(int cp) {
    return switch (cp) {
      case 0x09, 0x0A, 0x0C, 0x0D, 0x1680, 0x2028, 0x2029, 0x2581, 0xFEFF, 0xFFFD -> true;
      default -> cp >= 0x200B && cp <= 0x200F;
    };
  }

  @Override
  public Stage describe() {
    return Stage.of("Nmt");
  }
}
