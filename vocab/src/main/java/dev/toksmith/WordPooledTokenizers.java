package dev.toksmith;

import dev.toksmith.api.Tokenizer;
import dev.toksmith.api.WordPooledTokenizer;
import dev.toksmith.core.wordpooled.UnitWordPooledTokenizer;

/**
 * Word-pooled tokenizers ("Learn Your Tokens", Thawani et al. 2023), one per kind of unit: each word
 * of a text becomes a row of {@code slots} reserved ids and at most {@code maxUnits} units (see
 * {@link WordPooledTokenizer} for the words and the row layout). {@link Tokenizers#loadWordPooled}
 * makes the same from a {@code word-pooled:...} spec.
 *
 * <pre>{@code
 * WordPooledTokenizer t = WordPooledTokenizers.bytes(16, 1);   // UTF-8 bytes, 16 per row, 1 slot
 * WordPooledEncoding e = t.encode("Hello, world!");
 * String back = t.decode(e);                                    // "Hello, world!"
 * }</pre>
 */
public final class WordPooledTokenizers {
  private WordPooledTokenizers() {}

  /**
   * Units are UTF-8 bytes (ids 0..255, pad 256).
   *
   * @throws IllegalArgumentException if {@code maxUnits < 1} or {@code slots < 0}
   */
  public static WordPooledTokenizer bytes(int maxUnits, int slots) {
    return UnitWordPooledTokenizer.bytes(maxUnits, slots);
  }

  /** Units are code points, the id being the code point (pad 0x110000); no vocabulary needed. */
  public static WordPooledTokenizer codePoints(int maxUnits, int slots) {
    return UnitWordPooledTokenizer.codePoints(maxUnits, slots);
  }

  /** Units are ids of a trained character vocabulary, with byte fallback (pad = vocabulary size). */
  public static WordPooledTokenizer chars(CharVocabulary vocabulary, int maxUnits, int slots) {
    return new UnitWordPooledTokenizer(vocabulary.units(), maxUnits, slots);
  }

  /**
   * Units are the ids {@code base} gives each word on its own (pad = one past its largest id). Encoding
   * fails on a word that {@code base} does not decode back exactly (normalizers, unknown tokens).
   */
  public static WordPooledTokenizer subwords(Tokenizer base, int maxUnits, int slots) {
    return UnitWordPooledTokenizer.subwords(base, maxUnits, slots);
  }
}
