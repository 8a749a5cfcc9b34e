package dev.toksmith.core.processors;

import dev.toksmith.api.Encoding;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.ArrayList;
import java.util.List;

/** An encoding under construction: parallel lists of ids, tokens, offsets and special flags. */
public final class EncodingParts {
  final IntArrayList ids = new IntArrayList();
  final List<String> tokens = new ArrayList<>();
  final IntArrayList starts = new IntArrayList();
  final IntArrayList ends = new IntArrayList();
  final List<Boolean> special = new ArrayList<>();

  public void add(int id, String token, int start, int end, boolean isSpecial) {
    ids.add(id);
    tokens.add(token);
    starts.add(start);
    ends.add(end);
    special.add(isSpecial);
  }

  /** Inserts a token before position {@code index}. */
  public void insert(int index, int id, String token, int start, int end, boolean isSpecial) {
    ids.add(index, id);
    tokens.add(index, token);
    starts.add(index, start);
    ends.add(index, end);
    special.add(index, isSpecial);
  }

  public int size() {
    return ids.size();
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

  public Encoding toEncoding() {
    boolean[] flags = new boolean[special.size()];
    for (int i = 0; i < flags.length; i++) flags[i] = special.get(i);
    return new Encoding(ids.toIntArray(), tokens, starts.toIntArray(), ends.toIntArray(), flags);
  }
}
