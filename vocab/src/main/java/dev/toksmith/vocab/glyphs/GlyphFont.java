package dev.toksmith.vocab.glyphs;

/**
 * Where glyph bitmaps come from: a GNU Unifont {@code .hex} file or a TrueType/OpenType font, opened
 * with {@link GlyphFonts#open}.
 *
 * <pre>{@code
 * GlyphFont font = GlyphFonts.open(Path.of("unifont.hex")); // or a .ttf / .otf
 * boolean[] a = font.glyph('A', 16);                        // 16 x 16 pixels, row by row
 * }</pre>
 */
public interface GlyphFont {

  /**
   * The glyph of {@code cp} drawn in a {@code cell} x {@code cell} square, row by row, true where
   * there is ink; null when the font has no glyph for it.
   */
  boolean[] glyph(int cp, int cell);

  /** What the font is, for the sidecar: its kind and file. */
  String description();
}
