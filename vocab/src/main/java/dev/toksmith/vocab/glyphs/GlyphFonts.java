package dev.toksmith.vocab.glyphs;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens glyph fonts by their file: the factory apart from the {@link GlyphFont} interface, so that
 * the interface knows none of its implementations.
 *
 * <pre>{@code
 * GlyphFont unifont = GlyphFonts.open(Path.of("unifont.hex"));
 * boolean[] ink = unifont.glyph('A', 16);
 * }</pre>
 */
public final class GlyphFonts {
  private GlyphFonts() {}

  /** Opens a {@code .hex} (or {@code .hex.gz}) file as Unifont hex, anything else as an outline font. */
  public static GlyphFont open(Path file) throws IOException {
    String name = file.getFileName().toString();
    return name.endsWith(".hex") || name.endsWith(".hex.gz") ? HexFont.read(file) : OutlineFont.read(file);
  }
}
