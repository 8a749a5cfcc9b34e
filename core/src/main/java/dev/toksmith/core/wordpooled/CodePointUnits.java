package dev.toksmith.core.wordpooled;

import dev.toksmith.core.text.Utf8;

/**
 * Units are the word's code points, the id being the code point itself (an unpaired surrogate is
 * its own value), so no vocabulary is needed; the pad id is 0x110000, just past the code point range.
 */
public final class CodePointUnits implements UnitCodec {
  /** The only instance. */
  public static final CodePointUnits INSTANCE = new CodePointUnits();

  private CodePointUnits() {}

  @Override
  public int[] encode(String word) {
    return word.codePoints().toArray();
  }

  @Override
  public byte[] decode(int[] units) {
    StringBuilder text = new StringBuilder(units.length);
    for (int unit : units) {
      if (unit < 0 || unit > Character.MAX_CODE_POINT) throw new IllegalArgumentException("unit " + unit + " is not a code point");
      text.appendCodePoint(unit);
    }
    return Utf8.encode(text);
  }

  @Override
  public int padId() {
    return Character.MAX_CODE_POINT + 1;
  }

  @Override
  public String describe() {
    return "code points (unit id = code point, 0..1114111)";
  }
}
