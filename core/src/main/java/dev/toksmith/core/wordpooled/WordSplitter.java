package dev.toksmith.core.wordpooled;

import dev.toksmith.core.unicode.CharClasses;
import dev.toksmith.core.unicode.GraphemeClusters;
import it.unimi.dsi.fastutil.ints.IntArrayList;

/**
 * Splits text into the words of a word-pooled model, covering every character exactly once so
 * that the words concatenate back to the text.
 *
 * <p>The atoms are extended grapheme clusters (so an emoji sequence or a letter with its combining
 * marks is never cut), each classified by its first code point:
 *
 * <ul>
 *   <li>whitespace (every code point White_Space): a run of it is one word, except that a single
 *       space U+0020 directly before a word becomes that word's first unit (as GPT-2's {@code Ġ});
 *   <li>punctuation and symbols (General_Category P* and S*, emoji included): one word per cluster;
 *   <li>Han ideographs: one word per cluster, since Chinese and Japanese write no spaces and most
 *       Chinese words are one or two characters (the convention of BERT's tokenizer);
 *   <li>Hiragana, and Katakana with the prolonged sound mark U+30FC: a run of either is one word
 *       (Japanese has no spaces; a katakana run is usually one loanword, a hiragana run an ending or
 *       particles);
 *   <li>everything else (letters, digits, marks, Thai, Lao, Khmer, Myanmar, ...): a run is one word.
 *       Scripts without spaces and without Han (Thai and its neighbours) need a dictionary to find
 *       word boundaries; without one a run of them up to the next space or punctuation is one
 *       word, and runs longer than the row become continuation chunks.
 * </ul>
 *
 * <p>Categories and scripts come from the JDK's Unicode data; White_Space from {@link CharClasses}.
 */
public final class WordSplitter {
  private static final int SPACE = 0;
  private static final int PUNCTUATION = 1;
  private static final int IDEOGRAPH = 2;
  private static final int HIRAGANA = 3;
  private static final int KATAKANA = 4;
  private static final int LETTERS = 5;

  private WordSplitter() {}

  /**
   * The words of {@code text} as UTF-16 boundaries: word {@code k} is {@code text[b[k], b[k+1])};
   * the first boundary is 0 and the last is {@code text.length()}.
   */
  public static int[] boundaries(String text) {
    IntArrayList bounds = new IntArrayList();
    bounds.add(0);
    int n = text.length();
    int i = 0;
    while (i < n) {
      int end = GraphemeClusters.clusterEnd(text, i);
      int kind = kindOf(text, i, end);
      if (kind == SPACE) {
        while (end < n) {
          int next = GraphemeClusters.clusterEnd(text, end);
          if (kindOf(text, end, next) != SPACE) break;
          end = next;
        }
        // A single space before a word leads that word; the rest of the run is a word of its own.
        boolean leadsWord = end < n && text.charAt(end - 1) == ' ';
        int runEnd = leadsWord ? end - 1 : end;
        if (runEnd > i) bounds.add(runEnd);
        i = end;
        if (leadsWord) {
          i = wordEnd(text, end);
          bounds.add(i);
        }
      } else {
        i = wordEnd(text, i);
        bounds.add(i);
      }
    }
    return bounds.toIntArray();
  }

  /** Where the word (not whitespace) starting at {@code from} ends. */
  private static int wordEnd(String text, int from) {
    int end = GraphemeClusters.clusterEnd(text, from);
    int kind = kindOf(text, from, end);
    if (kind == PUNCTUATION || kind == IDEOGRAPH) return end;
    int n = text.length();
    while (end < n) {
      int next = GraphemeClusters.clusterEnd(text, end);
      if (kindOf(text, end, next) != kind) break;
      end = next;
    }
    return end;
  }

  private static int kindOf(String text, int from, int to) {
    int first = text.codePointAt(from);
    if (allWhitespace(text, from, to)) return SPACE;
    switch (Character.getType(first)) {
      case Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION,
          Character.START_PUNCTUATION,
          Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION,
          Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION,
          Character.MATH_SYMBOL,
          Character.CURRENCY_SYMBOL,
          Character.MODIFIER_SYMBOL,
          Character.OTHER_SYMBOL -> {
        return PUNCTUATION;
      }
      default -> {}
    }
    Character.UnicodeScript script = Character.UnicodeScript.of(first);
    if (script == Character.UnicodeScript.HAN) return IDEOGRAPH;
    if (script == Character.UnicodeScript.HIRAGANA) return HIRAGANA;
    if (script == Character.UnicodeScript.KATAKANA || first == 0x30FC) return KATAKANA;
    return LETTERS;
  }

  private static boolean allWhitespace(String text, int from, int to) {
    for (int i = from; i < to; ) {
      int cp = text.codePointAt(i);
      if (!CharClasses.isWhiteSpace(cp)) return false;
      i += Character.charCount(cp);
    }
    return true;
  }
}
