package dev.toksmith.core.text;

/**
 * The tokens that stand for single bytes under byte fallback, {@code <0x00>} to {@code <0xFF>}, as
 * SentencePiece names them (upper-case hex). Made once: models that hold them look all 256 up when
 * they are built, and formatting them anew each time cost every such start milliseconds.
 */
public final class ByteTokens {
  private static final String[] NAMES = new String[256];

  static {
    String hex = "0123456789ABCDEF";
    for (int b = 0; b < 256; b++) NAMES[b] = "<0x" + hex.charAt(b >> 4) + hex.charAt(b & 15) + ">";
  }

  private ByteTokens() {}

  /** The token of byte {@code b}, 0 to 255. */
  public static String name(int b) {
    return NAMES[b];
  }
}
