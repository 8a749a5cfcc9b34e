package dev.toksmith.vocab.glyphs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toksmith.Tokenizers;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.vocab.npy.Npy;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Embeddings of tiny vocabularies drawn with the hand-written 8x16 font {@code glyphs/tiny.hex}. */
class GlyphEmbeddingsTest {
  /** The fixture's bitmaps, restated: 16 rows of 8 pixels, most significant bit leftmost. */
  private static final Map<String, String> GLYPHS = Map.of(
      "0", "00000038444C54644444443800000000",
      "O", "00000038444444444444443800000000",
      "x", "00000000000044281028440000000000",
      "-", "000000000000007C0000000000000000");

  @TempDir Path dir;

  static GlyphFont tinyFont() throws IOException {
    try (InputStream in = GlyphEmbeddingsTest.class.getResourceAsStream("/glyphs/tiny.hex")) {
      return HexFont.read(in, "tiny.hex");
    }
  }

  /** A BPE tokenizer.json with these tokens at ids 0.. and the given merges; no unknown token. */
  static Tokenizer tokenizer(String[] tokens, String... merges) throws IOException {
    StringBuilder vocab = new StringBuilder();
    for (int i = 0; i < tokens.length; i++) vocab.append(i == 0 ? "" : ",").append('"').append(tokens[i]).append("\":").append(i);
    StringBuilder mergeList = new StringBuilder();
    for (int i = 0; i < merges.length; i++) mergeList.append(i == 0 ? "" : ",").append('"').append(merges[i]).append('"');
    String json = "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":[],\"normalizer\":null,\"pre_tokenizer\":null,"
        + "\"post_processor\":null,\"decoder\":null,\"model\":{\"type\":\"BPE\",\"dropout\":null,\"unk_token\":null,\"continuing_subword_prefix\":null,"
        + "\"end_of_word_suffix\":null,\"fuse_unk\":false,\"byte_fallback\":false,\"ignore_merges\":false,\"vocab\":{" + vocab + "},\"merges\":[" + mergeList + "]}}";
    return Tokenizers.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "tiny.json");
  }

  /** Pixel (y, x) of a fixture glyph in a 16-pixel cell: the 8 columns sit at 4..11. */
  private static boolean ink(String glyph, int y, int x) {
    if (x < 4 || x > 11) return false;
    int row = Integer.parseInt(GLYPHS.get(glyph).substring(2 * y, 2 * y + 2), 16);
    return (row & (0x80 >>> (x - 4))) != 0;
  }

  private static float[] unitRow(boolean[] pixels) {
    int ones = 0;
    for (boolean p : pixels) if (p) ones++;
    float[] row = new float[pixels.length];
    for (int i = 0; i < pixels.length; i++) if (pixels[i]) row[i] = (float) (1 / Math.sqrt(ones));
    return row;
  }

  private static boolean[] raster(String glyph) {
    boolean[] pixels = new boolean[256];
    for (int i = 0; i < 256; i++) pixels[i] = ink(glyph, i / 16, i % 16);
    return pixels;
  }

  @Test
  void npyIsByteExactOnATinyVocabulary() throws IOException {
    Tokenizer tok = tokenizer(new String[] {"O", "0", "x", " ", "<unused_0004>"});
    Path out = dir.resolve("tiny.npy");
    GlyphEmbeddings.Summary summary = new GlyphEmbeddings(tok, tinyFont(), 16, PixelOrder.RASTER).write(out, 256, "tiny.json");
    assertEquals(2, summary.zeroRows());

    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (5, 256), }";
    // 10 bytes before the dict; 62 + newline would end at 73, so padding runs to 128.
    header = header + " ".repeat(128 - 10 - header.length() - 1) + "\n";
    expected.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), 0});
    expected.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
    ByteBuffer data = ByteBuffer.allocate(5 * 256 * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (String glyph : new String[] {"O", "0", "x"}) for (float v : unitRow(raster(glyph))) data.putFloat(v);
    expected.writeBytes(data.array()); // the last two rows stay zero
    assertArrayEquals(expected.toByteArray(), Files.readAllBytes(out));

    JsonNode sidecar = new ObjectMapper().readTree(dir.resolve("tiny.npy.json").toFile());
    assertEquals("npy", sidecar.get("format").asText());
    assertEquals(5, sidecar.get("shape").get(0).asInt());
    assertEquals("unifont-hex tiny.hex", sidecar.get("font").asText());
    assertEquals(16, sidecar.get("cell").asInt());
    assertEquals("raster", sidecar.get("order").asText());
    assertTrue(sidecar.get("pca").isNull());
    assertEquals(2, sidecar.get("zero_rows").asInt());
  }

  @Test
  void aTokenOfTwoCharactersOrsEachPairOfColumns() throws IOException {
    Tokenizer tok = tokenizer(new String[] {"O", "x", "Ox"}, "O x");
    Path out = dir.resolve("pair.npy");
    new GlyphEmbeddings(tok, tinyFont(), 16, PixelOrder.RASTER).write(out, 256, "pair");
    boolean[] pixels = new boolean[256];
    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 16; x++) {
        // Strip column 2x and 2x+1: both in the O cell for x < 8, both in the x cell otherwise.
        String glyph = x < 8 ? "O" : "x";
        int c = (2 * x) % 16;
        pixels[y * 16 + x] = ink(glyph, y, c) || ink(glyph, y, c + 1);
      }
    }
    float[] row = new float[256];
    System.arraycopy(Npy.read(Files.newInputStream(out)).floats(), 2 * 256, row, 0, 256);
    assertArrayEquals(unitRow(pixels), row);
  }

  @Test
  void rowsAreUnitLengthAndLookAlikeGlyphsAreCloser() throws IOException {
    Tokenizer tok = tokenizer(new String[] {"O", "0", "x", "-", " "});
    for (int dim : new int[] {256, 3}) {
      Path out = dir.resolve("d" + dim + ".npy");
      GlyphEmbeddings.Summary summary = new GlyphEmbeddings(tok, tinyFont(), 16, PixelOrder.POLAR).write(out, dim, "tiny");
      float[] m = Npy.read(Files.newInputStream(out)).floats();
      for (int r = 0; r < 4; r++) assertEquals(1, dot(m, r, r, dim), 1e-5, "row " + r + " at dim " + dim);
      assertEquals(0, dot(m, 4, 4, dim));
      assertTrue(dot(m, 0, 1, dim) > dot(m, 0, 2, dim), "O.0 > O.x at dim " + dim);
      assertTrue(summary.explainedVariance() > 0 && summary.explainedVariance() <= 1);
    }
  }

  /** The dot product of rows a and b of a matrix of {@code dim} columns (their cosine, for unit rows). */
  static double dot(float[] m, int a, int b, int dim) {
    double sum = 0;
    for (int i = 0; i < dim; i++) sum += m[a * dim + i] * m[b * dim + i];
    return sum;
  }

  @Test
  void missingGlyphsAndByteTokensAreHexBoxes() throws IOException {
    Tokenizer tok = tokenizer(new String[] {"\u4E2D", "<0x41>", "O"});
    Path out = dir.resolve("boxes.safetensors");
    GlyphEmbeddings.Summary summary = new GlyphEmbeddings(tok, tinyFont(), 32, PixelOrder.RASTER).write(out, 1024, "boxes");
    assertEquals(1, summary.hexBoxFallbacks());
    assertEquals(0, summary.zeroRows());
    byte[] file = Files.readAllBytes(out);
    long headerLength = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertEquals(0, headerLength % 8);
    assertEquals(8 + headerLength + 3 * 1024 * 4, file.length);
    JsonNode header = new ObjectMapper().readTree(new String(file, 8, (int) headerLength, StandardCharsets.UTF_8));
    assertEquals("[3,1024]", header.get("embeddings").get("shape").toString());
    assertEquals("32", header.get("__metadata__").get("cell").asText());
    // The box frame: the whole top row of the 32-pixel cell is ink, as the first row of the matrix shows.
    ByteBuffer data = ByteBuffer.wrap(file).position(8 + (int) headerLength).slice().order(ByteOrder.LITTLE_ENDIAN);
    float first = data.getFloat(0);
    assertTrue(first > 0);
    for (int x = 0; x < 32; x++) assertEquals(first, data.getFloat(x * 4));
  }

  @Test
  void previewDrawsTheCellsOfTheTokens() throws IOException {
    Tokenizer tok = tokenizer(new String[] {"O", "0", "x"});
    Path png = dir.resolve("preview.png");
    new GlyphEmbeddings(tok, tinyFont(), 16, PixelOrder.RASTER).preview("O0x", png);
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(3 * 66, image.getWidth());
    assertEquals(66, image.getHeight());
    // O's row 3 is 0x38: cell columns 6..8 are ink; each pixel is 4 x 4 after a 1-pixel frame.
    assertEquals(0x000000, image.getRGB(1 + 6 * 4, 1 + 3 * 4) & 0xFFFFFF);
    assertEquals(0xFFFFFF, image.getRGB(1 + 5 * 4, 1 + 3 * 4) & 0xFFFFFF);
  }

  @Test
  void polarOrderStartsAtTheCentreAndTurnsClockwiseFromTwelve() {
    int[] order = PixelOrder.POLAR.pixels(4);
    assertArrayEquals(new int[] {6, 10, 9, 5}, java.util.Arrays.copyOf(order, 4));
    assertEquals(16, java.util.Arrays.stream(order).distinct().count());
    assertArrayEquals(new int[] {0, 1, 2, 3}, java.util.Arrays.copyOf(PixelOrder.RASTER.pixels(4), 4));
  }

  @Test
  void badSettingsAreRefused() throws IOException {
    Tokenizer tok = tokenizer(new String[] {"O"});
    assertThrows(IllegalArgumentException.class, () -> new GlyphEmbeddings(tok, tinyFont(), 24, PixelOrder.RASTER));
    assertThrows(IllegalArgumentException.class, () -> new GlyphEmbeddings(tok, tinyFont(), 16, PixelOrder.RASTER).write(dir.resolve("x.npy"), 257, "t"));
    assertThrows(dev.toksmith.vocab.TokenizerFormatException.class, () -> HexFont.read(new ByteArrayInputStream("0041:123\n".getBytes(StandardCharsets.US_ASCII)), "bad.hex"));
  }
}
