package dev.toksmith.core.models.unigram;

import dev.toksmith.core.models.sentencepiece.PieceRules;
import dev.toksmith.core.models.sentencepiece.TrainerSpec;
import dev.toksmith.core.models.sentencepiece.TrainingWords;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntArrays;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The seed vocabulary of SentencePiece's Unigram trainer ({@code MakeSeedSentencePieces}, as in
 * sentencepiece 0.2.x): every kept character, then the {@code seed_sentencepiece_size} best valid
 * pieces of two characters or more. SentencePiece offers, for every branching node of the corpus's
 * suffix tree (a substring that occurs at least twice and not always followed by the same
 * character), the words of the node's text cut at sentence boundaries, scored by the node's
 * occurrences times the word's length, and keeps each piece's best score; ties go to the longer piece
 * in UTF-8, then the smaller in code point order. A piece's best score is its own occurrences times
 * its length, offered at the node where it ends its word or branches: so here each piece is offered
 * once, at the first node whose first word it is and which ends no higher than the piece.
 *
 * <p>SentencePiece builds the suffix array of every sentence of the corpus. Valid pieces never cross
 * a word boundary, so this builds it of the distinct words instead, each followed by the character
 * that follows it in its sentences (the key's next character, then a boundary) and weighted by its
 * count: the same substrings branch, with the same counts, in memory that grows with the distinct
 * words, not with the corpus. A word's suffix that occurs in one key only is a leaf here, though in
 * the corpus its occurrences part and make a node; it is offered from the leaf.
 */
final class SeedPieces {
  private SeedPieces() {}

  /** Seeds: character ids of each piece, and its score (count for a character, count x length for a substring). */
  record Seeds(List<int[]> pieces, long[] scores) {}

  static Seeds of(TrainingWords words, PieceRules rules, TrainerSpec spec) {
    int seedSize = spec.seedSize();
    int maxPieceLength = spec.maxPieceLength();
    List<int[]> pieces = new ArrayList<>();
    LongArrayList scores = new LongArrayList();
    for (int c = 0; c < words.alphabetSize(); c++) {
      pieces.add(new int[] {c});
      scores.add(words.charCount(c));
    }
    int[] text = text(words);
    int n = text.length;
    int[] sa = SuffixArray.of(text, words.unknownId() + 2);
    // Depths beyond the longest piece (and one character of context) do not change which pieces are seeds.
    int[] lcp = SuffixArray.lcp(text, sa, maxPieceLength + 2);
    int[] keyAt = keyAt(words, n);
    // Each position's count, when counts fit an int: one random read per suffix instead of two.
    int[] counts = countsAt(words, keyAt);
    int[] wordStarts = wordStarts(words);

    // The suffix tree's internal nodes as LCP intervals, each with the summed weight of its leaves.
    LongArrayList candidateScores = new LongArrayList();
    IntArrayList candidateOffsets = new IntArrayList();
    IntArrayList candidateLengths = new IntArrayList();
    WordSplit split = new WordSplit(rules.spaceId(), spec.treatWhitespaceAsSuffix(), spec.allowWhitespaceOnlyPieces());
    int[] chars = new int[maxPieceLength + 1];
    Intervals stack = new Intervals();
    stack.push(-1, -1, 0);
    for (int i = 0; i <= n; i++) {
      int depth = i == n || i == 0 ? -1 : lcp[i];
      int lb = i;
      long carried = 0;
      while (stack.depth() > depth) {
        int nodeLb = stack.lb();
        int nodeDepth = stack.depth();
        long sum = stack.sum();
        stack.pop();
        int parentDepth = Math.max(stack.depth(), depth);
        if (i - nodeLb == 1) {
          seedFromLeaf(sa[nodeLb], parentDepth, text, keyAt, wordStarts, words, split, rules, chars, candidateScores, candidateOffsets, candidateLengths);
        }
        int offset = i - nodeLb > 1 && nodeDepth >= 2 ? sa[nodeLb] : n;
        if (offset + nodeDepth < n) {
          // The node's first word; it is a seed here if it ends on the edge into this node.
          int length = 0;
          for (int limit = Math.min(nodeDepth, chars.length); length < limit && text[offset + length] != 0; length++) chars[length] = text[offset + length] - 1;
          int word = split.firstWordEnd(chars, length);
          if (word >= 2 && word > parentDepth && rules.isValid(chars, 0, word)) {
            candidateScores.add(sum * word);
            candidateOffsets.add(offset);
            candidateLengths.add(word);
          }
        }
        lb = nodeLb;
        // The interval's weight belongs to the enclosing one: the next on the stack, or the one about to be pushed.
        if (stack.depth() >= depth) {
          stack.add(sum);
        } else {
          carried = sum;
        }
      }
      if (stack.depth() < depth) stack.push(lb, depth, carried);
      if (i == n) break;
      // The leaf of suffix sa[i], deeper than any node; it is never emitted.
      stack.push(i, n - sa[i] + 1, counts != null ? counts[sa[i]] : words.keyCount(keyAt[sa[i]]));
    }
    // The best seedSize: score descending, then longer in UTF-8, then smaller in code point order.
    int count = candidateScores.size();
    int[] utf8Lengths = new int[count];
    int[] order = new int[count];
    for (int k = 0; k < count; k++) {
      order[k] = k;
      int offset = candidateOffsets.getInt(k);
      for (int j = 0; j < candidateLengths.getInt(k); j++) utf8Lengths[k] += utf8Length(words.codePoint(text[offset + j] - 1));
    }
    IntArrays.parallelQuickSort(order, (a, b) -> {
      long sa1 = candidateScores.getLong(a);
      long sb1 = candidateScores.getLong(b);
      if (sa1 != sb1) return sa1 > sb1 ? -1 : 1;
      if (utf8Lengths[a] != utf8Lengths[b]) return Integer.compare(utf8Lengths[b], utf8Lengths[a]);
      int oa = candidateOffsets.getInt(a);
      int ob = candidateOffsets.getInt(b);
      for (int j = 0; ; j++) {
        if (j == candidateLengths.getInt(a) || j == candidateLengths.getInt(b)) return Integer.compare(candidateLengths.getInt(a), candidateLengths.getInt(b));
        int ca = words.codePoint(text[oa + j] - 1);
        int cb = words.codePoint(text[ob + j] - 1);
        if (ca != cb) return Integer.compare(ca, cb);
      }
    });
    for (int k = 0; k < Math.min(seedSize, count); k++) {
      int candidate = order[k];
      int offset = candidateOffsets.getInt(candidate);
      int length = candidateLengths.getInt(candidate);
      int[] piece = new int[length];
      for (int j = 0; j < length; j++) piece[j] = text[offset + j] - 1;
      pieces.add(piece);
      scores.add(candidateScores.getLong(candidate));
    }
    return new Seeds(pieces, scores.toLongArray());
  }

  /** A stack of LCP intervals: left bound, depth, and the weight of the leaves seen inside so far. */
  private static final class Intervals {
    private int[] lbs = new int[64];
    private int[] depths = new int[64];
    private long[] sums = new long[64];
    private int top = -1;

    void push(int lb, int depth, long sum) {
      if (++top == lbs.length) {
        lbs = Arrays.copyOf(lbs, 2 * top);
        depths = Arrays.copyOf(depths, 2 * top);
        sums = Arrays.copyOf(sums, 2 * top);
      }
      lbs[top] = lb;
      depths[top] = depth;
      sums[top] = sum;
    }

    void pop() {
      top--;
    }

    int lb() {
      return lbs[top];
    }

    int depth() {
      return depths[top];
    }

    long sum() {
      return sums[top];
    }

    void add(long weight) {
      sums[top] += weight;
    }
  }

  /**
   * A suffix of a word that occurs only in one key here, but as often as the key's count in the
   * corpus: SentencePiece's suffix tree of whole sentences has a node where those occurrences part
   * (at the latest when the sentences do), whose first word is that suffix.
   */
  private static void seedFromLeaf(int position, int parentDepth, int[] text, int[] keyAt, int[] wordStarts, TrainingWords words, WordSplit split,
      PieceRules rules, int[] chars, LongArrayList scores, IntArrayList offsets, IntArrayList lengths) {
    int key = keyAt[position];
    long count = words.keyCount(key);
    int w = words.keyWord(key);
    int wordEnd = wordStarts[key] + words.end(w) - words.start(w);
    int length = wordEnd - position;
    if (count < 2 || length < 2 || length <= parentDepth || length >= chars.length) return;
    for (int j = 0; j < length; j++) chars[j] = text[position + j] - 1;
    int next = words.keyNext(key);
    boolean endsWord = next < 0 ? split.firstWordEnd(chars, length) == length : firstWordEndWith(split, chars, length, next) == length;
    if (!endsWord || !rules.isValid(chars, 0, length)) return;
    scores.add(count * length);
    offsets.add(position);
    lengths.add(length);
  }

  private static int firstWordEndWith(WordSplit split, int[] chars, int length, int next) {
    chars[length] = next;
    return split.firstWordEnd(chars, length + 1);
  }

  /** Where each key's word starts in {@link #text}. */
  private static int[] wordStarts(TrainingWords words) {
    int[] starts = new int[words.keys()];
    int at = 0;
    for (int k = 0; k < words.keys(); k++) {
      starts[k] = at;
      int w = words.keyWord(k);
      at += words.end(w) - words.start(w) + (words.keyNext(k) >= 0 ? 2 : 1);
    }
    return starts;
  }

  private static int utf8Length(int cp) {
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }

  /** Where SentencePiece's {@code SplitIntoWords} ends the first word of a character sequence. */
  private record WordSplit(int space, boolean suffix, boolean allowWhitespaceOnly) {
    int firstWordEnd(int[] chars, int length) {
      if (suffix) {
        boolean inSpaces = false;
        for (int i = 0; i < length; i++) {
          boolean isSpace = chars[i] == space;
          if (isSpace) {
            inSpaces = true;
          } else if (inSpaces) {
            if (allowWhitespaceOnly) return i;
            inSpaces = false;
          }
          if (i + 1 < length && isSpace && !allowWhitespaceOnly) return i + 1;
        }
        return length;
      }
      boolean inSpaces = length > 0;
      for (int i = 0; i < length; i++) {
        boolean isSpace = chars[i] == space;
        if (i > 0 && isSpace && (!inSpaces || !allowWhitespaceOnly)) return i;
        if (inSpaces && !isSpace) inSpaces = false;
      }
      return length;
    }
  }

  /** Each key's word, its next character if any, and a boundary (0); characters as 1 + their id. */
  private static int[] text(TrainingWords words) {
    long length = 0;
    for (int k = 0; k < words.keys(); k++) {
      int w = words.keyWord(k);
      length += words.end(w) - words.start(w) + (words.keyNext(k) >= 0 ? 2 : 1);
    }
    if (length > Integer.MAX_VALUE - 8) throw new IllegalStateException("too many distinct words for one suffix array: " + length + " characters");
    int[] text = new int[(int) length];
    int[] chars = words.chars();
    int at = 0;
    for (int k = 0; k < words.keys(); k++) {
      int w = words.keyWord(k);
      for (int i = words.start(w); i < words.end(w); i++) text[at++] = 1 + chars[i];
      if (words.keyNext(k) >= 0) text[at++] = 1 + words.keyNext(k);
      text[at++] = 0;
    }
    return text;
  }

  /** The count of the key each position belongs to, or null if a count exceeds an int. */
  private static int[] countsAt(TrainingWords words, int[] keyAt) {
    for (int k = 0; k < words.keys(); k++) if (words.keyCount(k) > Integer.MAX_VALUE) return null;
    int[] counts = new int[keyAt.length];
    for (int i = 0; i < keyAt.length; i++) counts[i] = (int) words.keyCount(keyAt[i]);
    return counts;
  }

  /** The key each position of {@link #text} belongs to. */
  private static int[] keyAt(TrainingWords words, int n) {
    int[] keyAt = new int[n];
    int at = 0;
    for (int k = 0; k < words.keys(); k++) {
      int w = words.keyWord(k);
      int length = words.end(w) - words.start(w) + (words.keyNext(k) >= 0 ? 2 : 1);
      Arrays.fill(keyAt, at, at + length, k);
      at += length;
    }
    return keyAt;
  }
}
