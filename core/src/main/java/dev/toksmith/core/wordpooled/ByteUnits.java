package dev.toksmith.core.wordpooled;

import dev.toksmith.core.text.Utf8;

/** Units are the word's UTF-8 bytes (WTF-8 for unpaired surrogates), ids 0..255. */
public final class ByteUnits implements UnitCodec {
  /** The only instance. */
  public static final ByteUnits INSTANCE = new ByteUnits();

  private ByteUnits() {}

  @Override
  public int[] encode(String word) {
    byte[] bytes = Utf8.encode(word);
    int[] units = new int[bytes.length];
    for (int i = 0; i < bytes.length; i++) units[i] = bytes[i] & 0xFF;
    return units;
  }

  @Override
  public byte[] decode(int[] units) {
    byte[] bytes = new byte[units.length];
    for (int i = 0; i < units.length; i++) {
      if (units[i] < 0 || units[i] > 255) throw new IllegalArgumentException("unit " + units[i] + " is not a byte (0..255)");
      bytes[i] = (byte) units[i];
    }
    return bytes;
  }

  @Override
  public int padId() {
    return 256;
  }

  @Override
  public String describe() {
    return "UTF-8 bytes (unit ids 0..255)";
  }
}
