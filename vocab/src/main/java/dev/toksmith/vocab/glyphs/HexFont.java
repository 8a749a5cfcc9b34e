package dev.toksmith.vocab.glyphs;

import dev.toksmith.core.corpus.InputFiles;
import dev.toksmith.core.text.Excerpt;
import dev.toksmith.vocab.TokenizerFormatException;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * A GNU Unifont {@code .hex} font: one line per glyph, {@code CODEPOINT:BITMAP} in hex, the bitmap 16
 * rows of 8 pixels (32 digits) or of 16 pixels (64 digits), most significant bit leftmost. A glyph
 * is scaled by {@code cell / 16} and centred across the cell. Immutable.
 *
 * <pre>{@code
 * HexFont font = HexFont.read(Path.of("unifont.hex"));
 * boolean[] a = font.glyph('A', 32); // 32 x 32 pixels, row by row, scaled from 16 x 16
 * }</pre>
 */
public final class HexFont implements GlyphFont {
  private static final int ROWS = 16;

  private final Int2ObjectOpenHashMap<byte[]> bitmaps;
  private final String source;

  private HexFont(Int2ObjectOpenHashMap<byte[]> bitmaps, String source) {
    this.bitmaps = bitmaps;
    this.source = source;
  }

  /**
   * Reads a {@code .hex} file, gzip-compressed when its name ends in {@code .gz}.
   *
   * @throws TokenizerFormatException if a line is not {@code CODEPOINT:BITMAP} of 32 or 64 hex digits
   */
  public static HexFont read(Path file) throws IOException {
    try (InputStream raw = InputFiles.open(file);
        InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
      return read(in, file.toString());
    }
  }

  /** Reads {@code .hex} lines from a stream; {@code name} appears in error messages. */
  public static HexFont read(InputStream in, String name) throws IOException {
    Int2ObjectOpenHashMap<byte[]> bitmaps = new Int2ObjectOpenHashMap<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
    int lineNumber = 0;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      lineNumber++;
      if (line.isBlank()) continue;
      int colon = line.indexOf(':');
      String digits = colon < 0 ? "" : line.substring(colon + 1).trim();
      if (colon < 1 || colon > 6 || (digits.length() != 32 && digits.length() != 64)) {
        throw new TokenizerFormatException(name + ": line " + lineNumber + ": expected CODEPOINT:BITMAP with 32 or 64 hex digits");
      }
      try {
        int cp = Integer.parseInt(line.substring(0, colon), 16);
        byte[] bitmap = new byte[digits.length() / 2];
        for (int i = 0; i < bitmap.length; i++) bitmap[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        bitmaps.put(cp, bitmap);
      } catch (NumberFormatException e) {
        throw new TokenizerFormatException(name + ": line " + lineNumber + ": not hex: " + Excerpt.quote(line));
      }
    }
    return new HexFont(bitmaps, name);
  }

  /** Number of glyphs. */
  public int size() {
    return bitmaps.size();
  }

  @Override
  public boolean[] glyph(int cp, int cell) {
    byte[] bitmap = bitmaps.get(cp);
    if (bitmap == null) return null;
    return place(bitmap, bitmap.length / ROWS * 8, cell);
  }

  /** Scales a 16-row bitmap of {@code width} pixels by {@code cell / 16} into the centre of the cell. */
  static boolean[] place(byte[] bitmap, int width, int cell) {
    int scale = cell / ROWS;
    int bytesPerRow = width / 8;
    int left = (cell - width * scale) / 2;
    boolean[] out = new boolean[cell * cell];
    for (int y = 0; y < ROWS * scale; y++) {
      int row = y / scale;
      for (int x = 0; x < width * scale; x++) {
        int column = x / scale;
        boolean ink = (bitmap[row * bytesPerRow + column / 8] & (0x80 >>> (column % 8))) != 0;
        if (ink) out[y * cell + left + x] = true;
      }
    }
    return out;
  }

  @Override
  public String description() {
    return "unifont-hex " + source;
  }
}
