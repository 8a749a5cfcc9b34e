package dev.toksmith.core.wordpooled;

import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.text.Excerpt;
import dev.toksmith.core.text.Utf8;
import java.util.Arrays;

/**
 * Units are the ids another tokenizer gives each word on its own (no special tokens). Decoding must
 * be exact, so a word the base tokenizer does not give back byte for byte (a normalizer, an unknown
 * token, a decoder that drops a leading space) is an error naming it, never a silent change.
 */
public final class SubwordUnits implements UnitCodec {
  private final Tokenizer base;
  private final int idBound;

  public SubwordUnits(Tokenizer base) {
    this.base = base;
    this.idBound = base.idBound();
  }

  /** The tokenizer applied within each word. */
  public Tokenizer base() {
    return base;
  }

  @Override
  public int[] encode(String word) {
    int[] ids = base.encodeIds(word);
    for (int id : ids) {
      // A pad id equal to a real unit would make decoding ambiguous; the bound is checked, not trusted.
      if (id < 0 || id >= idBound) throw new IllegalStateException("the base tokenizer gave id " + id + ", outside its id range 0.." + (idBound - 1));
    }
    if (!Arrays.equals(base.decodeBytes(ids, false), Utf8.encode(word))) {
      throw new IllegalArgumentException("the base tokenizer does not decode the word '" + Excerpt.of(word) + "' back exactly, so it cannot be used for lossless word-pooled units");
    }
    return ids;
  }

  @Override
  public byte[] decode(int[] units) {
    for (int unit : units) {
      if (unit < 0 || unit >= idBound) throw new IllegalArgumentException("unit " + unit + " is not an id of the base tokenizer (0.." + (idBound - 1) + ")");
    }
    return base.decodeBytes(units, false);
  }

  @Override
  public int padId() {
    return idBound;
  }

  @Override
  public String describe() {
    return "subword ids of the base tokenizer (" + base.vocabSize() + " tokens, unit ids 0.." + (idBound - 1) + ")";
  }
}
