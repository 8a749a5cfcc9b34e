package dev.toksmith.core.models;

/**
 * GPT-2's reversible mapping between the 256 byte values and printable characters, used by every
 * byte-level tokenizer so that vocabularies stay valid text: printable Latin-1 bytes map to
 * themselves, the other 68 bytes to U+0100 onwards in byte order (space becomes {@code Ġ}).
 */
public final class ByteLevelAlphabet {
  private static final char[] BYTE_TO_CHAR = new char[256];
  private static final short[] CHAR_TO_BYTE = new short[0x144];

  static {
    int next = 0;
    java.util.Arrays.fill(CHAR_TO_BYTE, (short) -1);
    for (int b = 0; b < 256; b++) {
      boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
      char c = printable ? (char) b : (char) (256 + next++);
      BYTE_TO_CHAR[b] = c;
      CHAR_TO_BYTE[c] = (short) b;
    }
  }

  private ByteLevelAlphabet() {}

  /** The character that stands for byte {@code b} (0..255). */
  public static char charOf(int b) {
    return BYTE_TO_CHAR[b];
  }

  /** The byte a character stands for, or -1 if it is not one of the 256 byte characters. */
  public static int byteOf(int c) {
    return c >= 0 && c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
  }

  /** The byte-level spelling of some bytes. */
  public static String spell(byte[] bytes) {
    char[] out = new char[bytes.length];
    for (int i = 0; i < bytes.length; i++) out[i] = BYTE_TO_CHAR[bytes[i] & 0xFF];
    return new String(out);
  }

  /**
   * The bytes a byte-level token stands for, or null if some character is not a byte character (an
   * added token such as {@code <|endoftext|>} spelled in plain text is).
   */
  public static byte[] unspell(String token) {
    byte[] out = new byte[token.length()];
    return unspell(token, out, 0) < 0 ? null : out;
  }

  /**
   * Writes the bytes a byte-level token stands for to {@code out} from {@code at} (room for one byte
   * per character) and returns their number, or -1 if some character is not a byte character (what
   * was written before it is then left in {@code out}).
   */
  public static int unspell(String token, byte[] out, int at) {
    for (int i = 0; i < token.length(); i++) {
      int b = byteOf(token.charAt(i));
      if (b < 0) return -1;
      out[at + i] = (byte) b;
    }
    return token.length();
  }
}
