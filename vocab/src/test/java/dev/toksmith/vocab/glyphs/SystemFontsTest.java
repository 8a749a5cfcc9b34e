package dev.toksmith.vocab.glyphs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.api.Tokenizer;
import dev.toksmith.vocab.npy.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real fonts read from the system, never bundled: GNU Unifont from Debian's {@code unifont} package
 * (GPL) and DejaVu Sans from {@code fonts-dejavu-core}. Skipped where they are not installed.
 */
class SystemFontsTest {
  private static final Path UNIFONT = Path.of("/usr/share/unifont/unifont.hex");
  private static final Path DEJAVU = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");

  @TempDir Path dir;

  private static GlyphFont open(Path font) throws IOException {
    Assumptions.assumeTrue(Files.isRegularFile(font), () -> font + " is not installed");
    return GlyphFonts.open(font);
  }

  private void lookAlikesAreCloser(GlyphFont font, int cell) throws IOException {
    Tokenizer tok = GlyphEmbeddingsTest.tokenizer(new String[] {"O", "0", "x", "l", "1", "m"});
    Path out = dir.resolve("e.npy");
    new GlyphEmbeddings(tok, font, cell, PixelOrder.RASTER).write(out, cell * cell, "t");
    float[] m = Npy.read(Files.newInputStream(out)).floats();
    int d = cell * cell;
    assertTrue(GlyphEmbeddingsTest.dot(m, 0, 1, d) > GlyphEmbeddingsTest.dot(m, 0, 2, d), "O.0 > O.x");
    assertTrue(GlyphEmbeddingsTest.dot(m, 3, 4, d) > GlyphEmbeddingsTest.dot(m, 3, 5, d), "l.1 > l.m");
  }

  @Test
  void unifontHasEveryBmpGlyph() throws IOException {
    GlyphFont font = open(UNIFONT);
    assertTrue(((HexFont) font).size() > 50_000);
    assertNotNull(font.glyph(0x4E2D, 16));
    assertNotNull(font.glyph(0xFFFD, 32));
    lookAlikesAreCloser(font, 32);
  }

  @Test
  void outlineFontsDrawThroughJava2d() throws IOException {
    GlyphFont font = open(DEJAVU);
    assertNull(font.glyph(0x4E2D, 16), "DejaVu Sans has no CJK");
    boolean[] o = font.glyph('O', 32);
    int ink = 0;
    for (boolean p : o) if (p) ink++;
    assertTrue(ink > 30 && ink < 500, "ink " + ink);
    assertEquals(32 * 32, o.length);
    lookAlikesAreCloser(font, 32);
  }
}
