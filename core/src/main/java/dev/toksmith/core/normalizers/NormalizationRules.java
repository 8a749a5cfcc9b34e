package dev.toksmith.core.normalizers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

/**
 * SentencePiece's named normalization rules ({@code --normalization_rule_name}), as the compiled
 * charsmaps its trainer stores in a model; the blobs come from the {@code sentencepiece} 0.2.2 wheel
 * (see {@code charsmaps/README.md} among the resources for provenance and licence).
 */
public final class NormalizationRules {
  /** No normalization: the rule that stores no charsmap. */
  public static final String IDENTITY = "identity";
  /** SentencePiece's default: NFKC plus its rules for machine translation. */
  public static final String NMT_NFKC = "nmt_nfkc";
  /** Every rule name, the default first. */
  public static final List<String> NAMES = List.of(NMT_NFKC, "nfkc", "nmt_nfkc_cf", "nfkc_cf", IDENTITY);

  private static final ConcurrentHashMap<String, PrecompiledCharsmap> LOADED = new ConcurrentHashMap<>();

  private NormalizationRules() {}

  /**
   * The compiled rules of {@code name}, or null for {@link #IDENTITY}.
   *
   * @throws IllegalArgumentException if no rule has that name
   */
  public static PrecompiledCharsmap charsmap(String name) {
    if (!NAMES.contains(name)) throw new IllegalArgumentException("unknown normalization rule '" + name + "' (choose from " + String.join(", ", NAMES) + ")");
    if (name.equals(IDENTITY)) return null;
    return LOADED.computeIfAbsent(name, NormalizationRules::load);
  }

  /** The name of the rule whose charsmap is {@code charsmap}, {@link #IDENTITY} for null, or null for rules of one's own. */
  public static String nameOf(PrecompiledCharsmap charsmap) {
    if (charsmap == null) return IDENTITY;
    byte[] bytes = charsmap.bytes();
    for (String name : NAMES) {
      if (!name.equals(IDENTITY) && Arrays.equals(charsmap(name).bytes(), bytes)) return name;
    }
    return null;
  }

  private static PrecompiledCharsmap load(String name) {
    String resource = "charsmaps/" + name + ".bin.gz";
    try (InputStream raw = NormalizationRules.class.getResourceAsStream(resource)) {
      if (raw == null) throw new IllegalStateException("missing resource " + resource);
      try (InputStream in = new GZIPInputStream(raw)) {
        return PrecompiledCharsmap.parse(in.readAllBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
