package dev.toksmith.vocab.glyphs;

import java.io.IOException;
import java.nio.file.Path;

/** Where glyph bitmaps come from: a GNU Unifont {@code .hex} file or a TrueType/OpenType font. */
public interface GlyphFont {

  /**
   * The glyph of {@code cp} drawn in a {@code cell} x {@code cell} square, row by row, true where
   * there is ink; null when the font has no glyph for it.
   */
  boolean[] glyph(int cp, int cell);

  /** What the font is, for the sidecar: its kind and file. */
  String description();

  /** Opens a {@code .hex} (or {@code .hex.gz}) file as Unifont hex, anything else as an outline font. */
  static GlyphFont open(Path file) throws IOException {
    String name = file.getFileName().toString();
    return name.endsWith(".hex") || name.endsWith(".hex.gz") ? HexFont.read(file) : OutlineFont.read(file);
  }
}
