package dev.toksmith.core.models.unigram;

import dev.toksmith.core.models.sentencepiece.PieceRules;
import dev.toksmith.core.models.sentencepiece.TrainingWords;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.longs.LongArrays;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The seed vocabulary of SentencePiece's Unigram trainer ({@code MakeSeedSentencePieces}): every kept
 * character, then the {@code seed_sentencepiece_size} substrings of two characters or more that
 * score highest by occurrences times length, among those that are branching nodes of the corpus's
 * suffix tree (substrings that occur at least twice and not always followed by the same character)
 * and valid pieces. Ties go to the substring that comes first in code point order, a substring
 * after its extensions, as the suffix tree's post-order gives them to SentencePiece.
 *
 * <p>SentencePiece builds the suffix array of every sentence of the corpus. Valid pieces never cross
 * a word boundary, so this builds it of the distinct words instead, each followed by the character
 * that follows it in its sentences (the key's next character, then a boundary) and weighted by its
 * count: the same substrings are nodes with the same counts, in memory that grows with the distinct
 * words, not with the corpus.
 */
final class SeedPieces {
  private SeedPieces() {}

  /** Seeds: character ids of each piece, and its score (count for a character, count x length for a substring). */
  record Seeds(List<int[]> pieces, long[] scores) {}

  static Seeds of(TrainingWords words, PieceRules rules, int seedSize, int maxPieceLength) {
    List<int[]> pieces = new ArrayList<>();
    LongArrayList scores = new LongArrayList();
    for (int c = 0; c < words.alphabetSize(); c++) {
      pieces.add(new int[] {c});
      scores.add(words.charCount(c));
    }
    // Characters ranked by code point, so that the suffix array sorts as SentencePiece's does; 0 is the boundary.
    int symbols = words.unknownId() + 1;
    Integer[] byCodePoint = new Integer[symbols];
    for (int c = 0; c < symbols; c++) byCodePoint[c] = c;
    Arrays.sort(byCodePoint, (a, b) -> Integer.compare(words.codePoint(a), words.codePoint(b)));
    int[] rankOf = new int[symbols];
    int[] charOfRank = new int[symbols];
    for (int r = 0; r < symbols; r++) {
      rankOf[byCodePoint[r]] = r;
      charOfRank[r] = byCodePoint[r];
    }
    int[] text = text(words, rankOf);
    int n = text.length;
    int[] sa = SuffixArray.of(text, symbols + 1);
    int[] lcp = SuffixArray.lcp(text, sa);
    int[] keyAt = keyAt(words, n);

    // The suffix tree's internal nodes, in post-order, as LCP intervals; each interval's weight summed on a stack.
    LongArrayList candidateScores = new LongArrayList();
    IntArrayList candidateOffsets = new IntArrayList();
    IntArrayList candidateLengths = new IntArrayList();
    Intervals stack = new Intervals();
    stack.push(-1, -1, 0);
    int[] chars = new int[maxPieceLength];
    for (int i = 0; i <= n; i++) {
      int depth = i == n || i == 0 ? -1 : lcp[i];
      int lb = i;
      long carried = 0;
      while (stack.depth() > depth) {
        int nodeLb = stack.lb();
        int nodeDepth = stack.depth();
        long sum = stack.sum();
        stack.pop();
        if (i - nodeLb > 1 && nodeDepth >= 2 && nodeDepth <= maxPieceLength) {
          int offset = sa[nodeLb];
          if (offset + nodeDepth < n && candidate(text, offset, nodeDepth, charOfRank, chars) && rules.isValid(chars, 0, nodeDepth)) {
            candidateScores.add(sum * nodeDepth);
            candidateOffsets.add(offset);
            candidateLengths.add(nodeDepth);
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
      stack.push(i, n - sa[i] + 1, words.keyCount(keyAt[sa[i]]));
    }
    // The best seedSize by score, ties in node order.
    int count = candidateScores.size();
    long[] negativeScores = new long[count];
    long[] order = new long[count];
    for (int k = 0; k < count; k++) {
      negativeScores[k] = -candidateScores.getLong(k);
      order[k] = k;
    }
    LongArrays.radixSort(negativeScores, order);
    for (int k = 0; k < Math.min(seedSize, count); k++) {
      int candidate = (int) order[k];
      int offset = candidateOffsets.getInt(candidate);
      int length = candidateLengths.getInt(candidate);
      int[] piece = new int[length];
      for (int j = 0; j < length; j++) piece[j] = charOfRank[text[offset + j] - 1];
      pieces.add(piece);
      scores.add(-negativeScores[k]);
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

  /** Copies {@code text[offset, offset + length)} as character ids into {@code chars}; false if it holds a boundary. */
  private static boolean candidate(int[] text, int offset, int length, int[] charOfRank, int[] chars) {
    for (int j = 0; j < length; j++) {
      int symbol = text[offset + j];
      if (symbol == 0) return false;
      chars[j] = charOfRank[symbol - 1];
    }
    return true;
  }

  /** Each key's word, its next character if any, and a boundary (0); characters as 1 + their code point rank. */
  private static int[] text(TrainingWords words, int[] rankOf) {
    long length = 0;
    for (int k = 0; k < words.keys(); k++) {
      int w = words.keyWord(k);
      length += words.start(w + 1) - words.start(w) + (words.keyNext(k) >= 0 ? 2 : 1);
    }
    if (length > Integer.MAX_VALUE - 8) throw new IllegalStateException("too many distinct words for one suffix array: " + length + " characters");
    int[] text = new int[(int) length];
    int[] chars = words.chars();
    int at = 0;
    for (int k = 0; k < words.keys(); k++) {
      int w = words.keyWord(k);
      for (int i = words.start(w); i < words.start(w + 1); i++) text[at++] = 1 + rankOf[chars[i]];
      if (words.keyNext(k) >= 0) text[at++] = 1 + rankOf[words.keyNext(k)];
      text[at++] = 0;
    }
    return text;
  }

  /** The key each position of {@link #text} belongs to. */
  private static int[] keyAt(TrainingWords words, int n) {
    int[] keyAt = new int[n];
    int at = 0;
    for (int k = 0; k < words.keys(); k++) {
      int w = words.keyWord(k);
      int length = words.start(w + 1) - words.start(w) + (words.keyNext(k) >= 0 ? 2 : 1);
      Arrays.fill(keyAt, at, at + length, k);
      at += length;
    }
    return keyAt;
  }
}
