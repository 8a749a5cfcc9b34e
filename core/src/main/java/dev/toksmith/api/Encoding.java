package dev.toksmith.api;

import java.util.Arrays;
import java.util.List;

/**
 * The result of encoding one text: token ids, their vocabulary forms, and for each token the range
 * of the input it came from. Immutable.
 *
 * <p>Offsets are UTF-16 indices into the encoded {@code String} ({@code text.substring(start(i),
 * end(i))}), computed as Hugging Face does: a token that holds only some bytes of a character spans
 * that whole character, and a token produced by normalization spans the original characters it came
 * from. Tokens added by a post-processor have the empty range {@code [0, 0)}.
 */
public final class Encoding {
  private final int[] ids;
  private final List<String> tokens;
  private final int[] starts;
  private final int[] ends;
  private final boolean[] special;

  /** Creates an encoding; the arrays are owned by the new instance. */
  public Encoding(int[] ids, List<String> tokens, int[] starts, int[] ends, boolean[] special) {
    if (tokens.size() != ids.length || starts.length != ids.length || ends.length != ids.length || special.length != ids.length) {
      throw new IllegalArgumentException("ids, tokens, offsets and special flags differ in length");
    }
    this.ids = ids;
    this.tokens = List.copyOf(tokens);
    this.starts = starts;
    this.ends = ends;
    this.special = special;
  }

  /** Number of tokens. */
  public int size() {
    return ids.length;
  }

  /** The token ids (a copy). */
  public int[] ids() {
    return ids.clone();
  }

  /** The id of token {@code i}. */
  public int id(int i) {
    return ids[i];
  }

  /** The tokens in vocabulary form, e.g. {@code "Ġworld"} for byte-level BPE. */
  public List<String> tokens() {
    return tokens;
  }

  /** Start (inclusive, UTF-16 index) of the input range of token {@code i}. */
  public int start(int i) {
    return starts[i];
  }

  /** End (exclusive, UTF-16 index) of the input range of token {@code i}. */
  public int end(int i) {
    return ends[i];
  }

  /** Whether token {@code i} is a special token. */
  public boolean isSpecial(int i) {
    return special[i];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Encoding e
        && Arrays.equals(ids, e.ids)
        && tokens.equals(e.tokens)
        && Arrays.equals(starts, e.starts)
        && Arrays.equals(ends, e.ends)
        && Arrays.equals(special, e.special);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(ids);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Encoding[");
    for (int i = 0; i < ids.length; i++) {
      if (i > 0) sb.append(", ");
      sb.append(ids[i]).append(' ').append(tokens.get(i)).append(" (").append(starts[i]).append(',').append(ends[i]).append(')');
    }
    return sb.append(']').toString();
  }
}
