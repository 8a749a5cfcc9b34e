package dev.toksmith.samples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The bundled OCR-noise pairs ({@link OcrPair}): three excerpts of the US Constitution and the
 * Declaration of Independence, each read back by Tesseract at three levels of image degradation,
 * for measuring how well a tokenizer keeps its token boundaries on OCR errors.
 */
public final class OcrPairs {
  private static final String DIRECTORY = "/dev/toksmith/ocr-pairs/";
  private static final String INDEX_HEADER = "name\tclean\tnoisy\tsample\tlevel\tresolution\texposure";

  private OcrPairs() {}

  /** Every pair, in index order (by excerpt, then light, medium, heavy), read afresh. */
  public static List<OcrPair> all() {
    List<OcrPair> pairs = new ArrayList<>();
    String[] lines = read("index.tsv").split("\n");
    if (!lines[0].equals(INDEX_HEADER)) throw new IllegalStateException("unexpected OCR pair index header: " + lines[0]);
    for (int i = 1; i < lines.length; i++) {
      String[] f = lines[i].split("\t", -1);
      if (f.length != 7) throw new IllegalStateException("malformed OCR pair index line: " + lines[i]);
      pairs.add(new OcrPair(f[0], read(f[1]), read(f[2]), f[3], f[4]));
    }
    return List.copyOf(pairs);
  }

  private static String read(String file) {
    try (InputStream in = OcrPairs.class.getResourceAsStream(DIRECTORY + file)) {
      if (in == null) throw new IllegalStateException("OCR pair resource missing from the classpath: " + file);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read OCR pair resource " + file, e);
    }
  }
}
