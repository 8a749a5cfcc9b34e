package dev.toksmith.core.pretokenizers;

import java.util.ArrayList;
import java.util.List;

/**
 * A byte-level pre-tokenizer compiled to cut UTF-8 bytes into the byte ranges of its pieces: Hugging
 * Face's {@code ByteLevel} alone, or a Sequence of split stages ({@code Split}, {@code Digits},
 * {@code Punctuation}, {@code CharDelimiterSplit}: {@link PatternSplit}s) ending with a {@code
 * ByteLevel} that adds no prefix space, each stage cutting every piece of the one before. The pieces are those
 * {@link PreTokenizer#preTokenize} gives the decoded text, as bytes, without decoding anything: the
 * split patterns scan bytes ({@link SplitPattern#findMatches(byte[], int, int, boolean,
 * SplitPattern.MatchSink)}). Immutable and thread-safe.
 */
public final class ByteLevelSplitter {
  private final List<PatternSplit> splits;
  private final boolean gpt2Split;
  private final boolean addPrefixSpace;

  private ByteLevelSplitter(List<PatternSplit> splits, boolean gpt2Split, boolean addPrefixSpace) {
    this.splits = List.copyOf(splits);
    this.gpt2Split = gpt2Split;
    this.addPrefixSpace = addPrefixSpace;
  }

  /** The compiled form of {@code preTokenizer}, or null when it is not one this class runs. */
  public static ByteLevelSplitter of(PreTokenizer preTokenizer) {
    if (preTokenizer instanceof ByteLevel byteLevel) return new ByteLevelSplitter(List.of(), byteLevel.useRegex(), byteLevel.addPrefixSpace());
    if (!(preTokenizer instanceof PreTokenizerSequence sequence) || sequence.stages().isEmpty()) return null;
    List<PreTokenizer> stages = sequence.stages();
    if (!(stages.get(stages.size() - 1) instanceof ByteLevel last) || last.addPrefixSpace()) return null;
    List<PatternSplit> splits = new ArrayList<>();
    for (PreTokenizer stage : stages.subList(0, stages.size() - 1)) {
      if (!(stage instanceof PatternSplit split)) return null;
      splits.add(split);
    }
    return new ByteLevelSplitter(splits, last.useRegex(), false);
  }

  /**
   * Whether a space goes before every segment that does not start with one ({@code add_prefix_space});
   * the caller prepends it to the bytes it passes.
   */
  public boolean addsPrefixSpace() {
    return addPrefixSpace;
  }

  /** What cuts the bytes, stage by stage, for {@code inspect}. */
  public String description() {
    StringBuilder s = new StringBuilder();
    for (PatternSplit split : splits) s.append(s.length() == 0 ? "" : ", ").append(split.splitPattern().scanner());
    if (gpt2Split) s.append(s.length() == 0 ? "" : ", ").append(Gpt2Pattern.INSTANCE.scanner());
    return s.length() == 0 ? "no split" : s.toString();
  }

  /**
   * Reports the pieces of {@code bytes[from, to)} as byte ranges, in order (raw bytes with {@code
   * raw}, as {@link SplitPattern#findMatches(byte[], int, int, boolean, SplitPattern.MatchSink)}
   * reads them).
   */
  public void split(byte[] bytes, int from, int to, boolean raw, SplitPattern.MatchSink pieces) {
    stage(0, bytes, from, to, raw, pieces);
  }

  private void stage(int k, byte[] bytes, int from, int to, boolean raw, SplitPattern.MatchSink pieces) {
    if (from >= to) return;
    if (k == splits.size()) {
      if (gpt2Split) Gpt2Pattern.INSTANCE.findMatches(bytes, from, to, raw, pieces);
      else pieces.match(from, to);
      return;
    }
    PatternSplit split = splits.get(k);
    SplitPattern pattern = split.splitPattern();
    SplitPattern.MatchSink next = k + 1 == splits.size() && !gpt2Split ? pieces : (start, end) -> stage(k + 1, bytes, start, end, raw, pieces);
    // A pattern that covers the text has no gaps: its matches are the pieces, kept or isolated alike.
    boolean matchesArePieces = split.splitBehavior() == SplitBehavior.ISOLATED || (split.splitBehavior() == SplitBehavior.REMOVED && split.splitInverted());
    if (pattern instanceof CoveringPattern && matchesArePieces) {
      pattern.findMatches(bytes, from, to, raw, next);
    } else {
      Split.split(matches -> pattern.findMatches(bytes, from, to, raw, matches), from, to, split.splitBehavior(), split.splitInverted(), next);
    }
  }
}
