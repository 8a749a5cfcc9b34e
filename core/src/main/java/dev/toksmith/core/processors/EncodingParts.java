package dev.toksmith.core.processors;

import dev.toksmith.api.Encoding;
import dev.toksmith.api.Truncation;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An encoding under construction, Hugging Face's {@code Encoding} with its operations: merging two
 * sequences, truncating into overflowing pieces, padding. Mutable; one per encode call.
 */
public final class EncodingParts {
  private IntArrayList ids = new IntArrayList();
  private IntArrayList typeIds = new IntArrayList();
  private List<String> tokens = new ArrayList<>();
  private IntArrayList words = new IntArrayList();
  private IntArrayList starts = new IntArrayList();
  private IntArrayList ends = new IntArrayList();
  private IntArrayList specialTokensMask = new IntArrayList();
  private IntArrayList attentionMask = new IntArrayList();
  private List<EncodingParts> overflowing = new ArrayList<>();
  /** Sequence id to the token range [start, end) it covers; empty means every token is sequence 0. */
  private Map<Integer, int[]> sequenceRanges = new TreeMap<>();

  /** Appends a token of the text: type id, word index (-1 for none), offsets; masks as for text. */
  public void add(int id, String token, int typeId, int word, int start, int end) {
    add(id, token, typeId, word, start, end, 0, 1);
  }

  private void add(int id, String token, int typeId, int word, int start, int end, int special, int attention) {
    ids.add(id);
    tokens.add(token);
    typeIds.add(typeId);
    words.add(word);
    starts.add(start);
    ends.add(end);
    specialTokensMask.add(special);
    attentionMask.add(attention);
  }

  /** An encoding of special tokens, as a post-processor adds them: empty offsets, special mask 1. */
  public static EncodingParts special(List<Integer> ids, List<String> tokens, int typeId) {
    EncodingParts e = new EncodingParts();
    for (int k = 0; k < ids.size(); k++) e.add(ids.get(k), tokens.get(k), typeId, -1, 0, 0, 1, 1);
    return e;
  }

  public int size() {
    return ids.size();
  }

  public int id(int i) {
    return ids.getInt(i);
  }

  public String token(int i) {
    return tokens.get(i);
  }

  public int start(int i) {
    return starts.getInt(i);
  }

  public int end(int i) {
    return ends.getInt(i);
  }

  public void setOffsets(int i, int start, int end) {
    starts.set(i, start);
    ends.set(i, end);
  }

  public List<EncodingParts> overflowing() {
    return overflowing;
  }

  /** Removes and returns the overflowing pieces. */
  public List<EncodingParts> takeOverflowing() {
    List<EncodingParts> taken = overflowing;
    overflowing = new ArrayList<>();
    return taken;
  }

  public void setOverflowing(List<EncodingParts> pieces) {
    overflowing = new ArrayList<>(pieces);
  }

  /** Marks every token as belonging to sequence {@code id}. */
  public void setSequenceId(int id) {
    sequenceRanges = new TreeMap<>();
    sequenceRanges.put(id, new int[] {0, size()});
  }

  /** Marks tokens {@code [from, to)} as sequence {@code id}, dropping other ranges. */
  public void setSequenceRange(int id, int from, int to) {
    sequenceRanges = new TreeMap<>();
    sequenceRanges.put(id, new int[] {from, to});
  }

  public void setTypeIds(int typeId) {
    for (int i = 0; i < size(); i++) typeIds.set(i, typeId);
  }

  /**
   * Surrounds this encoding's tokens with {@code before} and {@code after} special tokens of type
   * {@code specialTypeId}; the text tokens keep their fields except masks, which a post-processor
   * resets (special 0, attention 1). Returns the new encoding.
   */
  public EncodingParts wrap(List<Integer> beforeIds, List<String> beforeTokens, List<Integer> afterIds, List<String> afterTokens, int specialTypeId) {
    EncodingParts e = special(beforeIds, beforeTokens, specialTypeId);
    for (int i = 0; i < size(); i++) e.add(ids.getInt(i), tokens.get(i), typeIds.getInt(i), words.getInt(i), starts.getInt(i), ends.getInt(i), 0, 1);
    for (int k = 0; k < afterIds.size(); k++) e.add(afterIds.get(k), afterTokens.get(k), specialTypeId, -1, 0, 0, 1, 1);
    return e;
  }

  /** Lays out a sequence (first or not) and its overflowing pieces the same way. */
  @FunctionalInterface
  public interface Wrapper {
    EncodingParts wrap(EncodingParts sequence, boolean first);
  }

  /** Applies {@code wrapper} to each sequence and to each of its overflowing pieces. */
  public static List<EncodingParts> wrapEach(List<EncodingParts> encodings, Wrapper wrapper) {
    List<EncodingParts> out = new ArrayList<>();
    for (int i = 0; i < encodings.size(); i++) {
      EncodingParts e = encodings.get(i);
      EncodingParts wrapped = wrapper.wrap(e, i == 0);
      List<EncodingParts> pieces = new ArrayList<>();
      for (EncodingParts piece : e.takeOverflowing()) pieces.add(wrapper.wrap(piece, i == 0));
      wrapped.setOverflowing(pieces);
      out.add(wrapped);
    }
    return out;
  }

  /** Hugging Face's {@code merge_with}: appends {@code pair}, combining overflowing pieces pairwise. */
  public void mergeWith(EncodingParts pair, boolean growingOffsets) {
    List<EncodingParts> combined = new ArrayList<>();
    for (EncodingParts mine : overflowing) {
      EncodingParts withPair = mine.copy();
      withPair.mergeWith(pair.copy(), growingOffsets);
      combined.add(withPair);
      for (EncodingParts theirs : pair.overflowing) {
        EncodingParts both = mine.copy();
        both.mergeWith(theirs.copy(), growingOffsets);
        combined.add(both);
      }
    }
    for (EncodingParts theirs : pair.overflowing) {
      EncodingParts withTheirs = copy();
      withTheirs.mergeWith(theirs.copy(), growingOffsets);
      combined.add(withTheirs);
    }
    int length = size();
    for (Map.Entry<Integer, int[]> r : pair.sequenceRanges.entrySet()) {
      sequenceRanges.put(r.getKey(), new int[] {length + r.getValue()[0], length + r.getValue()[1]});
    }
    int shift = growingOffsets && length > 0 ? ends.getInt(length - 1) : 0;
    for (int i = 0; i < pair.size(); i++) {
      add(pair.ids.getInt(i), pair.tokens.get(i), pair.typeIds.getInt(i), pair.words.getInt(i), pair.starts.getInt(i) + shift, pair.ends.getInt(i) + shift,
          pair.specialTokensMask.getInt(i), pair.attentionMask.getInt(i));
    }
    overflowing = combined;
  }

  /** Hugging Face's {@code Encoding::merge}: the encodings one after another. */
  public static EncodingParts merge(List<EncodingParts> encodings, boolean growingOffsets) {
    EncodingParts merged = new EncodingParts();
    for (EncodingParts e : encodings) merged.mergeWith(e, growingOffsets);
    return merged;
  }

  /**
   * Hugging Face's {@code Encoding::truncate}: keeps {@code maxLength} tokens and moves the rest into
   * overflowing pieces of that length that overlap by {@code stride}.
   *
   * @throws IllegalArgumentException when the stride does not fit (Hugging Face panics there)
   */
  public void truncate(int maxLength, int stride, Truncation.Direction direction) {
    int length = size();
    if (maxLength >= length) return;
    if (maxLength == 0) {
      EncodingParts all = copy();
      clear();
      overflowing.add(all);
      return;
    }
    if (stride >= maxLength) {
      throw new IllegalArgumentException("truncation stride " + stride + " must be less than the " + maxLength + " tokens left for text");
    }
    sequenceRanges = new TreeMap<>();
    int step = maxLength - stride;
    List<int[]> parts = new ArrayList<>();
    if (direction == Truncation.Direction.RIGHT) {
      for (int start = 0; start < length; start += step) {
        int stop = Math.min(start + maxLength, length);
        parts.add(new int[] {start, stop});
        if (stop == length) break;
      }
    } else {
      for (int last = length - 1; last >= 0; last -= step) {
        int stop = last + 1;
        int start = Math.max(0, stop - maxLength);
        parts.add(new int[] {start, stop});
        if (start == 0) break;
      }
    }
    EncodingParts whole = copy();
    EncodingParts first = whole.range(parts.get(0)[0], parts.get(0)[1]);
    take(first);
    for (int p = 1; p < parts.size(); p++) overflowing.add(whole.range(parts.get(p)[0], parts.get(p)[1]));
  }

  /** Hugging Face's {@code Encoding::pad}: overflowing pieces first, then this encoding. */
  public void pad(int targetLength, int padId, int padTypeId, String padToken, Truncation.Direction direction) {
    for (EncodingParts o : overflowing) o.pad(targetLength, padId, padTypeId, padToken, direction);
    int padLength = targetLength - size();
    if (padLength <= 0) return;
    EncodingParts padded = new EncodingParts();
    if (direction == Truncation.Direction.LEFT) {
      for (int k = 0; k < padLength; k++) padded.add(padId, padToken, padTypeId, -1, 0, 0, 1, 0);
      for (Map.Entry<Integer, int[]> r : sequenceRanges.entrySet()) {
        padded.sequenceRanges.put(r.getKey(), new int[] {r.getValue()[0] + padLength, r.getValue()[1] + padLength});
      }
    } else {
      padded.sequenceRanges = sequenceRanges;
    }
    for (int i = 0; i < size(); i++) {
      padded.add(ids.getInt(i), tokens.get(i), typeIds.getInt(i), words.getInt(i), starts.getInt(i), ends.getInt(i), specialTokensMask.getInt(i), attentionMask.getInt(i));
    }
    if (direction == Truncation.Direction.RIGHT) {
      for (int k = 0; k < padLength; k++) padded.add(padId, padToken, padTypeId, -1, 0, 0, 1, 0);
    }
    padded.overflowing = overflowing;
    take(padded);
  }

  private EncodingParts range(int from, int to) {
    EncodingParts e = new EncodingParts();
    for (int i = from; i < to; i++) {
      e.add(ids.getInt(i), tokens.get(i), typeIds.getInt(i), words.getInt(i), starts.getInt(i), ends.getInt(i), specialTokensMask.getInt(i), attentionMask.getInt(i));
    }
    return e;
  }

  private EncodingParts copy() {
    EncodingParts e = range(0, size());
    for (EncodingParts o : overflowing) e.overflowing.add(o.copy());
    for (Map.Entry<Integer, int[]> r : sequenceRanges.entrySet()) e.sequenceRanges.put(r.getKey(), r.getValue().clone());
    return e;
  }

  private void take(EncodingParts other) {
    ids = other.ids;
    typeIds = other.typeIds;
    tokens = other.tokens;
    words = other.words;
    starts = other.starts;
    ends = other.ends;
    specialTokensMask = other.specialTokensMask;
    attentionMask = other.attentionMask;
    overflowing = other.overflowing;
    sequenceRanges = other.sequenceRanges;
  }

  private void clear() {
    take(new EncodingParts());
  }

  /**
   * Per token, the sequence it belongs to, or -1, as Hugging Face's {@code get_sequence_ids}: sequence
   * ids 0..n-1 (n = number of ranges, at least one) each cover their range, or everything if absent.
   */
  private int[] sequenceIds() {
    int[] seq = new int[size()];
    java.util.Arrays.fill(seq, -1);
    int sequences = Math.max(1, sequenceRanges.size());
    for (int id = 0; id < sequences; id++) {
      int[] range = sequenceRanges.getOrDefault(id, new int[] {0, size()});
      for (int i = range[0]; i < range[1] && i < seq.length; i++) seq[i] = id;
    }
    return seq;
  }

  public Encoding toEncoding() {
    List<Encoding> pieces = new ArrayList<>(overflowing.size());
    for (EncodingParts o : overflowing) pieces.add(o.toEncoding());
    return new Encoding(ids.toIntArray(), tokens, starts.toIntArray(), ends.toIntArray(), typeIds.toIntArray(), words.toIntArray(), sequenceIds(),
        specialTokensMask.toIntArray(), attentionMask.toIntArray(), pieces);
  }
}
