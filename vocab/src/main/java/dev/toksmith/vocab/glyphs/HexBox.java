package dev.toksmith.vocab.glyphs;

/**
 * The box Unifont draws for a code point it has no glyph for: a frame around the hex digits, in two
 * rows when there are more than two digits. Byte tokens show their two digits the same way. Drawn on
 * 16 x 16 pixels with a 3 x 5 digit font, then scaled to the cell.
 */
final class HexBox {
  private static final int SIZE = 16;
  /** Digits 0-F, 5 rows of 3 bits each (most significant bit leftmost). */
  private static final int[][] DIGITS = {
    {7, 5, 5, 5, 7}, {2, 6, 2, 2, 7}, {7, 1, 7, 4, 7}, {7, 1, 7, 1, 7},
    {5, 5, 7, 1, 1}, {7, 4, 7, 1, 7}, {7, 4, 7, 5, 7}, {7, 1, 2, 2, 2},
    {7, 5, 7, 5, 7}, {7, 5, 7, 1, 7}, {2, 5, 7, 5, 5}, {6, 5, 6, 5, 6},
    {3, 4, 4, 4, 3}, {6, 5, 5, 5, 6}, {7, 4, 7, 4, 7}, {7, 4, 7, 4, 4},
  };

  private HexBox() {}

  /** The box of {@code hex} (2 to 6 upper-case hex digits) in a {@code cell} x {@code cell} square. */
  static boolean[] draw(String hex, int cell) {
    byte[] bitmap = new byte[SIZE * 2];
    for (int i = 0; i < SIZE; i++) {
      set(bitmap, i, 0);
      set(bitmap, i, SIZE - 1);
      set(bitmap, 0, i);
      set(bitmap, SIZE - 1, i);
    }
    int rows = hex.length() > 2 ? 2 : 1;
    int perRow = (hex.length() + rows - 1) / rows;
    for (int r = 0; r < rows; r++) {
      String digits = hex.substring(r * perRow, Math.min(hex.length(), (r + 1) * perRow));
      int width = digits.length() * 4 - 1;
      int left = (SIZE - width) / 2;
      int top = rows == 1 ? 5 : 3 + r * 6;
      for (int d = 0; d < digits.length(); d++) {
        int[] glyph = DIGITS[Character.digit(digits.charAt(d), 16)];
        for (int y = 0; y < 5; y++) {
          for (int x = 0; x < 3; x++) if ((glyph[y] & (4 >>> x)) != 0) set(bitmap, left + d * 4 + x, top + y);
        }
      }
    }
    return HexFont.place(bitmap, SIZE, cell);
  }

  private static void set(byte[] bitmap, int x, int y) {
    bitmap[y * 2 + x / 8] |= (byte) (0x80 >>> (x % 8));
  }
}
