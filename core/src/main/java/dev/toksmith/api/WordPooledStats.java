package dev.toksmith.api;

import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;
import java.util.Arrays;

/**
 * The word-pooled measures {@code compare} reports, over the texts {@link #add added}: words per
 * character (code points), units per word (mean and 95th percentile, nearest rank, counting a word's
 * units before it is cut into rows), and the share of words with more units than {@code maxUnits}.
 * Continuation rows are not words here. An accumulator: not thread-safe.
 *
 * <pre>{@code
 * WordPooledStats stats = new WordPooledStats(WordPooledTokenizers.bytes(16, 0));
 * for (String line : lines) stats.add(line);
 * System.out.println(stats.meanUnitsPerWord() + " units per word, " + stats.overflowShare() + " overflow");
 * }</pre>
 */
public final class WordPooledStats {
  private final WordPooledTokenizer tokenizer;
  private final Int2LongOpenHashMap unitsPerWord = new Int2LongOpenHashMap();
  private long characters;
  private long words;
  private long rows;
  private long units;
  private long overflowing;

  /** Measures texts as {@code tokenizer} encodes them. */
  public WordPooledStats(WordPooledTokenizer tokenizer) {
    this.tokenizer = tokenizer;
  }

  /** Encodes {@code text} and counts it. */
  public void add(String text) {
    characters += text.codePointCount(0, text.length());
    WordPooledEncoding e = tokenizer.encode(text);
    rows += e.words();
    int k = 0;
    while (k < e.words()) {
      int n = e.lengths()[k++];
      while (k < e.words() && e.continuation()[k] == 1) n += e.lengths()[k++];
      words++;
      units += n;
      if (n > tokenizer.maxUnits()) overflowing++;
      unitsPerWord.addTo(n, 1);
    }
  }

  /** Code points counted. */
  public long characters() {
    return characters;
  }

  /** Words counted (a word cut into several rows counts once). */
  public long words() {
    return words;
  }

  /** Rows counted: words plus their continuation rows, the sequence length a model sees. */
  public long rows() {
    return rows;
  }

  /** Units of all words counted. */
  public long units() {
    return units;
  }

  /** Words per code point; 0 for no text. */
  public double wordsPerCharacter() {
    return characters == 0 ? 0 : (double) words / characters;
  }

  /** Mean units per word; 0 for no words. */
  public double meanUnitsPerWord() {
    return words == 0 ? 0 : (double) units / words;
  }

  /** The 95th percentile of units per word, nearest rank: the smallest count covering 95% of words; 0 for no words. */
  public int p95UnitsPerWord() {
    if (words == 0) return 0;
    long rank = (words * 95 + 99) / 100;
    int[] counts = unitsPerWord.keySet().toIntArray();
    Arrays.sort(counts);
    long seen = 0;
    for (int count : counts) {
      seen += unitsPerWord.get(count);
      if (seen >= rank) return count;
    }
    // The counts add up to words, so the loop has returned; the largest count is the 100th percentile.
    return counts[counts.length - 1];
  }

  /** Words with more units than {@code maxUnits}. */
  public long overflowingWords() {
    return overflowing;
  }

  /** Share of words with more units than {@code maxUnits}; 0 for no words. */
  public double overflowShare() {
    return words == 0 ? 0 : (double) overflowing / words;
  }
}
