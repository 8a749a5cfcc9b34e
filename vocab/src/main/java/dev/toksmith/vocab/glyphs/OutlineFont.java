package dev.toksmith.vocab.glyphs;

import dev.toksmith.vocab.TokenizerFormatException;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A TrueType or OpenType font drawn by Java2D (headless): each glyph at the size whose ascent plus
 * descent fill the cell, centred across it on the font's baseline, anti-aliased and thresholded at
 * half coverage. Immutable; Java2D draws on per-call images, so it is thread-safe.
 *
 * <pre>{@code
 * OutlineFont font = OutlineFont.read(Path.of("DejaVuSans.ttf"));
 * boolean[] a = font.glyph('A', 16); // 16 x 16 pixels, row by row
 * }</pre>
 */
public final class OutlineFont implements GlyphFont {
  private final Font font;
  private final String source;

  private OutlineFont(Font font, String source) {
    this.font = font;
    this.source = source;
  }

  /** @throws TokenizerFormatException if Java2D cannot read the file as a font */
  public static OutlineFont read(Path file) throws IOException {
    // A font needs no display; without this Java2D may look for one.
    System.setProperty("java.awt.headless", "true");
    try {
      return new OutlineFont(Font.createFont(Font.TRUETYPE_FONT, file.toFile()), file.toString());
    } catch (FontFormatException e) {
      throw new TokenizerFormatException(file + ": not a TrueType or OpenType font (" + e.getMessage() + ")");
    }
  }

  @Override
  public boolean[] glyph(int cp, int cell) {
    if (!font.canDisplay(cp)) return null;
    BufferedImage image = new BufferedImage(cell, cell, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(java.awt.Color.WHITE);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
      Font probe = font.deriveFont(100f);
      FontMetrics metrics = g.getFontMetrics(probe);
      float size = 100f * cell / (metrics.getAscent() + metrics.getDescent());
      g.setFont(font.deriveFont(size));
      metrics = g.getFontMetrics();
      String text = new String(Character.toChars(cp));
      float x = (cell - (float) metrics.getStringBounds(text, g).getWidth()) / 2;
      g.drawString(text, x, metrics.getAscent());
    } finally {
      g.dispose();
    }
    byte[] gray = ((java.awt.image.DataBufferByte) image.getRaster().getDataBuffer()).getData();
    boolean[] out = new boolean[cell * cell];
    for (int i = 0; i < out.length; i++) out[i] = (gray[i] & 0xFF) >= 128;
    return out;
  }

  @Override
  public String description() {
    return "outline " + font.getFontName(java.util.Locale.ROOT) + " " + source;
  }
}
