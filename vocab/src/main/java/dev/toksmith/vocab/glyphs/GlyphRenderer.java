package dev.toksmith.vocab.glyphs;

/**
 * Draws a token as the embedding sees it: each unit of its {@link TokenView} in a cell of its own,
 * side by side, squeezed to one cell by OR-ing each run of {@code k} adjacent columns for a token of
 * {@code k} units (so no stroke is lost). Characters the font has no glyph for show Unifont's hex box
 * of their code point. Thread-safe when the font is.
 */
final class GlyphRenderer {
  private final GlyphFont font;
  private final int cell;
  private int fallbacks;

  GlyphRenderer(GlyphFont font, int cell) {
    this.font = font;
    this.cell = cell;
  }

  /** The cell image of a token: {@code cell * cell} pixels row by row, all false when it has no ink. */
  boolean[] render(TokenView view) {
    int k = view.units().size();
    boolean[] out = new boolean[cell * cell];
    for (int u = 0; u < k; u++) {
      boolean[] unit = unit(view.units().get(u));
      if (unit == null) continue;
      for (int y = 0; y < cell; y++) {
        for (int x = 0; x < cell; x++) {
          // Column x of unit u is column u*cell + x of the strip, which lands in column (u*cell + x) / k.
          if (unit[y * cell + x]) out[y * cell + (u * cell + x) / k] = true;
        }
      }
    }
    return out;
  }

  /** How many characters were drawn as hex boxes because the font lacks them. */
  synchronized int fallbacks() {
    return fallbacks;
  }

  private boolean[] unit(TokenView.Unit unit) {
    if (unit.blank()) return null;
    if (unit.hex() != null) return HexBox.draw(unit.hex(), cell);
    boolean[] glyph = font.glyph(unit.codePoint(), cell);
    if (glyph != null) return glyph;
    synchronized (this) {
      fallbacks++;
    }
    return HexBox.draw(String.format(java.util.Locale.ROOT, "%04X", unit.codePoint()), cell);
  }
}
