package dev.toksmith.samples;

import java.util.Objects;

/**
 * One bundled OCR-noise pair: an excerpt of a public-domain sample (the clean text) and what
 * Tesseract read back from an image of it (the noisy text), as listed in {@code
 * dev/toksmith/ocr-pairs/index.tsv} and made by {@code scripts/make_ocr_pairs.sh}.
 *
 * @param name unique id, e.g. {@code declaration-medium}
 * @param clean the excerpt as rendered, exactly as in the sample
 * @param noisy tesseract's text output unchanged, its own line breaks and blank lines included
 * @param sample the {@link Sample#name()} the excerpt comes from
 * @param level how degraded the image was: {@code light} (150 dpi), {@code medium} (100 dpi, dark
 *     exposure) or {@code heavy} (100 dpi, light exposure)
 */
public record OcrPair(String name, String clean, String noisy, String sample, String level) {

  /** Rejects missing fields, so that every pair carries its provenance. */
  public OcrPair {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(clean, "clean");
    Objects.requireNonNull(noisy, "noisy");
    Objects.requireNonNull(sample, "sample");
    Objects.requireNonNull(level, "level");
  }
}
