package dev.toksmith.api;

import java.util.Arrays;
import java.util.List;

/**
 * The result of encoding a text (or a pair of texts), laid out as Hugging Face's {@code Encoding}:
 * token ids, their vocabulary forms, the range of the input each came from, and the masks a model
 * needs. Immutable.
 *
 * <p>Offsets are UTF-16 indices into the encoded {@code String} ({@code text.substring(start(i),
 * end(i))}; for a pair, into the sequence the token came from, see {@link #sequenceId(int)}),
 * computed as Hugging Face does: a token that holds only some bytes of a character spans that whole
 * character, and a token produced by normalization spans the original characters it came from.
 * Special tokens added by a post-processor and pad tokens have the empty range {@code [0, 0)}.
 *
 * <pre>{@code
 * Encoding e = tokenizer.encode("Hello world", true);
 * for (int i = 0; i < e.size(); i++) System.out.println(e.ids()[i] + " " + e.tokens().get(i));
 * }</pre>
 */
public final class Encoding {
  private final int[] ids;
  private final List<String> tokens;
  private final int[] starts;
  private final int[] ends;
  private final int[] typeIds;
  private final int[] wordIds;
  private final int[] sequenceIds;
  private final int[] specialTokensMask;
  private final int[] attentionMask;
  private final List<Encoding> overflowing;

  /**
   * Creates an encoding; the arrays are owned by the new instance.
   *
   * @param wordIds per token, the index of the pre-tokenized word it belongs to, or -1
   * @param sequenceIds per token, 0 or 1 for the sequence of a pair it belongs to, or -1
   * @param overflowing the pieces truncation cut off, each a complete encoding
   */
  public Encoding(int[] ids, List<String> tokens, int[] starts, int[] ends, int[] typeIds, int[] wordIds, int[] sequenceIds,
      int[] specialTokensMask, int[] attentionMask, List<Encoding> overflowing) {
    int n = ids.length;
    if (tokens.size() != n || starts.length != n || ends.length != n || typeIds.length != n || wordIds.length != n
        || sequenceIds.length != n || specialTokensMask.length != n || attentionMask.length != n) {
      throw new IllegalArgumentException("the parts of an encoding differ in length");
    }
    this.ids = ids;
    this.tokens = List.copyOf(tokens);
    this.starts = starts;
    this.ends = ends;
    this.typeIds = typeIds;
    this.wordIds = wordIds;
    this.sequenceIds = sequenceIds;
    this.specialTokensMask = specialTokensMask;
    this.attentionMask = attentionMask;
    this.overflowing = List.copyOf(overflowing);
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

  /** Token type ids (segment ids): 0 for the first sequence, 1 for the second, as the template says. */
  public int[] typeIds() {
    return typeIds.clone();
  }

  /** Per token, the index of the pre-tokenized word it came from, or -1 (special and pad tokens). */
  public int[] wordIds() {
    return wordIds.clone();
  }

  /**
   * The index of the pre-tokenized word token {@code i} came from, or -1 (special and pad tokens):
   * tokens with the same word id came from one pre-token of the text, as the pre-tokenizer split it.
   */
  public int wordId(int i) {
    return wordIds[i];
  }

  /** Per token, which sequence of the input it came from (0 or 1), or -1 (special and pad tokens). */
  public int sequenceId(int i) {
    return sequenceIds[i];
  }

  /** 1 where a post-processor or padding added a special token, else 0. */
  public int[] specialTokensMask() {
    return specialTokensMask.clone();
  }

  /** Whether token {@code i} was added by a post-processor or padding. */
  public boolean isSpecial(int i) {
    return specialTokensMask[i] == 1;
  }

  /** 1 for real tokens, 0 for padding. */
  public int[] attentionMask() {
    return attentionMask.clone();
  }

  /** The pieces truncation cut off, in order, each laid out like this encoding. */
  public List<Encoding> overflowing() {
    return overflowing;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Encoding e
        && Arrays.equals(ids, e.ids)
        && tokens.equals(e.tokens)
        && Arrays.equals(starts, e.starts)
        && Arrays.equals(ends, e.ends)
        && Arrays.equals(typeIds, e.typeIds)
        && Arrays.equals(wordIds, e.wordIds)
        && Arrays.equals(sequenceIds, e.sequenceIds)
        && Arrays.equals(specialTokensMask, e.specialTokensMask)
        && Arrays.equals(attentionMask, e.attentionMask)
        && overflowing.equals(e.overflowing);
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
    if (!overflowing.isEmpty()) sb.append(" +").append(overflowing.size()).append(" overflowing");
    return sb.append(']').toString();
  }
}
