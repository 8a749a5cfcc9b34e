package dev.toksmith.vocab.glyphs;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.linalg.BinaryPca;
import dev.toksmith.vocab.io.AtomicFile;
import dev.toksmith.vocab.io.JsonText;
import dev.toksmith.vocab.npy.Npy;
import dev.toksmith.vocab.npy.Safetensors;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;

/**
 * Frozen visual embeddings: every token drawn as one cell (see {@link TokenView} and {@link
 * GlyphRenderer}), 1 bit per pixel, flattened in raster or polar order, optionally projected on its
 * principal components, each row scaled to unit length. Tokens with no ink keep a zero row (never
 * NaN), and the PCA is fitted on the inked rows only so that empty slots do not shift the mean.
 *
 * <pre>{@code
 * GlyphEmbeddings glyphs = new GlyphEmbeddings(Tokenizers.load("gpt2.json"), GlyphFonts.open(Path.of("unifont.hex")), 16, PixelOrder.RASTER);
 * GlyphEmbeddings.Summary made = glyphs.write(Path.of("glyphs.safetensors"), 64, "gpt2"); // 64 principal components
 * }</pre>
 */
public final class GlyphEmbeddings {
  /** Name of the tensor in a safetensors file. */
  public static final String TENSOR = "embeddings";

  /** What was written. */
  public record Summary(int rows, int dimensions, int zeroRows, int hexBoxFallbacks, double explainedVariance, Path sidecar) {}

  private final Tokenizer tokenizer;
  private final GlyphFont font;
  private final int cell;
  private final PixelOrder order;

  /** @throws IllegalArgumentException if {@code cell} is not 16 or 32 */
  public GlyphEmbeddings(Tokenizer tokenizer, GlyphFont font, int cell, PixelOrder order) {
    if (cell != 16 && cell != 32) throw new IllegalArgumentException("cell size must be 16 or 32, not " + cell);
    this.tokenizer = tokenizer;
    this.font = font;
    this.cell = cell;
    this.order = order;
  }

  /**
   * Writes the {@code vocabSize x dimensions} float32 matrix to {@code output} ({@code .safetensors}
   * for safetensors, anything else as NumPy {@code .npy}) and the settings to {@code output + ".json"},
   * each through a temporary file.
   *
   * @param dimensions columns of the matrix: {@code cell * cell} for the pixels themselves, fewer for
   *     that many principal components
   * @param tokenizerName how the sidecar names the tokenizer
   * @throws IllegalArgumentException if {@code dimensions} is outside 1..cell², or PCA is asked for
   *     with fewer than two tokens that have ink
   */
  public Summary write(Path output, int dimensions, String tokenizerName) throws IOException {
    int pixels = cell * cell;
    if (dimensions < 1 || dimensions > pixels) throw new IllegalArgumentException("dimensions must be in 1.." + pixels + " for cell " + cell + ", not " + dimensions);
    GlyphRenderer renderer = new GlyphRenderer(font, cell);
    int[] columns = order.pixels(cell);
    int vocab = tokenizer.vocabSize();
    long[][] rows = new long[vocab][];
    IntStream.range(0, vocab).parallel().forEach(id -> rows[id] = bits(renderer.render(TokenView.of(tokenizer, id)), columns));
    long[][] inked = Arrays.stream(rows).filter(r -> r != null).toArray(long[][]::new);
    BinaryPca pca = dimensions < pixels ? BinaryPca.fit(inked, pixels, dimensions) : null;
    int[] zeroRows = {0};
    boolean safetensors = output.getFileName().toString().endsWith(".safetensors");
    Map<String, String> settings = settings(tokenizerName, vocab, dimensions, pca);
    AtomicFile.write(output, out -> {
      int[] shape = {vocab, dimensions};
      if (safetensors) Safetensors.writeHeader(out, TENSOR, shape, settings);
      else Npy.writeHeader(out, Npy.Type.FLOAT32, shape);
      ByteBuffer row = ByteBuffer.allocate(dimensions * 4).order(ByteOrder.LITTLE_ENDIAN);
      for (long[] bits : rows) {
        double[] values = bits == null ? new double[dimensions] : pca != null ? pca.project(bits) : pixelValues(bits, pixels);
        if (!normalize(values)) zeroRows[0]++;
        row.clear();
        for (double v : values) row.putFloat((float) v);
        out.write(row.array());
      }
    });
    Path sidecar = output.resolveSibling(output.getFileName() + ".json");
    Summary summary = new Summary(vocab, dimensions, zeroRows[0], renderer.fallbacks(), pca == null ? 1 : pca.explainedVariance(), sidecar);
    AtomicFile.write(sidecar, out -> writeSidecar(out, safetensors, settings, summary, inked.length));
    return summary;
  }

  /** The pixels set in {@code image}, in column order, as bits; null when there are none. */
  private static long[] bits(boolean[] image, int[] columns) {
    long[] bits = new long[(columns.length + 63) / 64];
    boolean any = false;
    for (int c = 0; c < columns.length; c++) {
      if (image[columns[c]]) {
        bits[c >>> 6] |= 1L << c;
        any = true;
      }
    }
    return any ? bits : null;
  }

  private static double[] pixelValues(long[] bits, int pixels) {
    double[] values = new double[pixels];
    for (int c = 0; c < pixels; c++) if ((bits[c >>> 6] & (1L << c)) != 0) values[c] = 1;
    return values;
  }

  /** Scales to unit length; false (and left zero) when the vector is zero. */
  private static boolean normalize(double[] values) {
    double sum = 0;
    for (double v : values) sum += v * v;
    if (sum == 0) return false;
    double scale = 1 / Math.sqrt(sum);
    for (int i = 0; i < values.length; i++) values[i] *= scale;
    return true;
  }

  private Map<String, String> settings(String tokenizerName, int vocab, int dimensions, BinaryPca pca) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("tokenizer", tokenizerName);
    settings.put("vocab_size", Integer.toString(vocab));
    settings.put("dim", Integer.toString(dimensions));
    settings.put("cell", Integer.toString(cell));
    settings.put("order", order.name().toLowerCase(Locale.ROOT));
    settings.put("font", font.description());
    settings.put("projection", pca == null ? "none" : "pca");
    return settings;
  }

  private static void writeSidecar(OutputStream out, boolean safetensors, Map<String, String> settings, Summary summary, int inkedRows) throws IOException {
    try (JsonGenerator g = JsonText.factory().createGenerator(out, JsonEncoding.UTF8)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("format", safetensors ? "safetensors" : "npy");
      if (safetensors) g.writeStringField("tensor", TENSOR);
      g.writeStringField("dtype", "float32");
      g.writeArrayFieldStart("shape");
      g.writeNumber(summary.rows());
      g.writeNumber(summary.dimensions());
      g.writeEndArray();
      g.writeStringField("tokenizer", settings.get("tokenizer"));
      g.writeStringField("font", settings.get("font"));
      g.writeNumberField("cell", Integer.parseInt(settings.get("cell")));
      g.writeStringField("order", settings.get("order"));
      g.writeStringField("threshold", "1 bit per pixel: hex-font pixels as drawn, outline fonts at half coverage; a token of k characters ORs each k adjacent columns");
      if (settings.get("projection").equals("pca")) {
        g.writeObjectFieldStart("pca");
        g.writeNumberField("components", summary.dimensions());
        g.writeNumberField("fitted_rows", inkedRows);
        g.writeNumberField("explained_variance", summary.explainedVariance());
        g.writeEndObject();
      } else {
        g.writeNullField("pca");
      }
      g.writeStringField("normalization", "L2 per row; rows without ink stay zero");
      g.writeNumberField("zero_rows", summary.zeroRows());
      g.writeNumberField("hex_box_fallbacks", summary.hexBoxFallbacks());
      g.writeEndObject();
      g.writeRaw('\n');
    }
  }

  /**
   * Writes a PNG of what the embedding sees for {@code text}: the cell of each token the tokenizer
   * makes of it, enlarged to 64 pixels, 16 to a line, black ink on white, cells outlined in grey.
   */
  public void preview(String text, Path png) throws IOException {
    AtomicFile.write(png, out -> preview(text, out));
  }

  /** Writes the PNG of {@link #preview(String, Path)} to {@code out} (left open). */
  public void preview(String text, java.io.OutputStream out) throws IOException {
    GlyphRenderer renderer = new GlyphRenderer(font, cell);
    int[] ids = tokenizer.encodeIds(text);
    int scale = 64 / cell;
    int size = cell * scale + 2;
    int perLine = Math.max(1, Math.min(16, ids.length));
    int lines = Math.max(1, (ids.length + perLine - 1) / perLine);
    BufferedImage image = new BufferedImage(perLine * size, lines * size, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < image.getHeight(); y++) for (int x = 0; x < image.getWidth(); x++) image.setRGB(x, y, 0xFFFFFF);
    for (int t = 0; t < ids.length; t++) {
      boolean[] cellImage = renderer.render(TokenView.of(tokenizer, ids[t]));
      int left = (t % perLine) * size;
      int top = (t / perLine) * size;
      for (int i = 0; i < size; i++) {
        image.setRGB(left + i, top, 0xC0C0C0);
        image.setRGB(left + i, top + size - 1, 0xC0C0C0);
        image.setRGB(left, top + i, 0xC0C0C0);
        image.setRGB(left + size - 1, top + i, 0xC0C0C0);
      }
      for (int p = 0; p < cellImage.length; p++) {
        if (!cellImage[p]) continue;
        int px = left + 1 + (p % cell) * scale;
        int py = top + 1 + (p / cell) * scale;
        for (int dy = 0; dy < scale; dy++) for (int dx = 0; dx < scale; dx++) image.setRGB(px + dx, py + dy, 0x000000);
      }
    }
    ImageIO.write(image, "png", out);
  }
}
