package dev.toksmith.core.models.wordpiece;

import dev.toksmith.core.models.TrainingWords;
import dev.toksmith.core.models.WordSink;
import dev.toksmith.core.normalizers.BertNormalizer;
import dev.toksmith.core.pretokenizers.Punctuation;
import dev.toksmith.core.unicode.CaseMapping;
import dev.toksmith.core.unicode.CharClasses;
import dev.toksmith.core.unicode.UnicodeCategories;
import dev.toksmith.core.unicode.UnicodeNormalization;

/**
 * The words that Hugging Face's {@code BertNormalizer} followed by its {@code BertPreTokenizer} make
 * of a document, computed without offsets: an ASCII document with one table lookup per character,
 * any other with the normalizer's steps, in its order, on plain strings. The words are exactly the
 * pieces of that pipeline (the tests compare them on every kind of character). Not thread-safe.
 */
public final class BertWords implements TrainingWords {
  /** What the pipeline does with an ASCII character. */
  private static final byte DROPPED = 0;
  private static final byte SPLITS = 1;
  private static final byte ALONE = 2;
  private static final byte KEPT = 3;

  private final boolean cleanText;
  private final boolean chineseChars;
  private final boolean stripAccents;
  private final boolean lowercase;
  private final byte[] asciiClass = new byte[128];
  /** Each kept ASCII character as it ends up in a word (lowercased when lowercasing). */
  private final byte[] asciiOutput = new byte[128];
  private byte[] word = new byte[256];

  public BertWords(BertNormalizer normalizer) {
    this.cleanText = normalizer.cleanText();
    this.chineseChars = normalizer.handleChineseChars();
    this.stripAccents = normalizer.stripsAccents();
    this.lowercase = normalizer.lowercase();
    for (int c = 0; c < 128; c++) {
      if (cleanText && BertNormalizer.isRemovedByCleaning(c)) {
        asciiClass[c] = DROPPED;
      } else if ((cleanText && BertNormalizer.isWhitespace(c)) || CharClasses.isWhiteSpace(c)) {
        asciiClass[c] = SPLITS;
      } else {
        asciiClass[c] = Punctuation.isPunctuation(c) ? ALONE : KEPT;
        String s = String.valueOf((char) c);
        asciiOutput[c] = (byte) (lowercase ? CaseMapping.lowercase(s) : s).charAt(0);
      }
    }
  }

  @Override
  public void count(String document, WordSink words) {
    int n = document.length();
    for (int i = 0; i < n; i++) {
      if (document.charAt(i) >= 0x80) {
        countNormalized(document, words);
        return;
      }
    }
    if (word.length < n) word = new byte[Math.max(n, 2 * word.length)];
    byte[] w = word;
    int length = 0;
    for (int i = 0; i < n; i++) {
      char c = document.charAt(i);
      switch (asciiClass[c]) {
        case KEPT -> w[length++] = asciiOutput[c];
        case SPLITS -> {
          if (length > 0) words.add(w, 0, length);
          length = 0;
        }
        case ALONE -> {
          if (length > 0) words.add(w, 0, length);
          w[0] = asciiOutput[c];
          words.add(w, 0, 1);
          length = 0;
        }
        default -> {} // removed by cleaning: its neighbours join
      }
    }
    if (length > 0) words.add(w, 0, length);
  }

  /** The normalizer's steps on a plain string, then the pre-tokenizer's split. */
  private void countNormalized(String document, WordSink words) {
    String text = document;
    if (cleanText) text = cleaned(text);
    if (chineseChars) text = chineseSpaced(text);
    if (stripAccents) text = withoutNonspacingMarks(UnicodeNormalization.normalize(text, UnicodeNormalization.Form.NFD));
    if (lowercase) text = CaseMapping.lowercase(text);
    int start = -1;
    for (int i = 0, n = text.length(); i < n; ) {
      int cp = text.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (CharClasses.isWhiteSpace(cp)) {
        if (start >= 0) words.add(text, start, i);
        start = -1;
      } else if (Punctuation.isPunctuation(cp)) {
        if (start >= 0) words.add(text, start, i);
        words.add(text, i, next);
        start = -1;
      } else if (start < 0) {
        start = i;
      }
      i = next;
    }
    if (start >= 0) words.add(text, start, text.length());
  }

  private static String cleaned(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0, n = s.length(); i < n; ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (BertNormalizer.isRemovedByCleaning(cp)) continue;
      out.appendCodePoint(BertNormalizer.isWhitespace(cp) ? ' ' : cp);
    }
    return out.toString();
  }

  private static String chineseSpaced(String s) {
    StringBuilder out = null;
    for (int i = 0, n = s.length(); i < n; ) {
      int cp = s.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (BertNormalizer.isChineseChar(cp)) {
        if (out == null) out = new StringBuilder(s.length() + 16).append(s, 0, i);
        out.append(' ').appendCodePoint(cp).append(' ');
      } else if (out != null) {
        out.append(s, i, next);
      }
      i = next;
    }
    return out == null ? s : out.toString();
  }

  private static String withoutNonspacingMarks(String s) {
    StringBuilder out = null;
    for (int i = 0, n = s.length(); i < n; ) {
      int cp = s.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (UnicodeCategories.isMarkNonspacing(cp)) {
        if (out == null) out = new StringBuilder(s.length()).append(s, 0, i);
      } else if (out != null) {
        out.append(s, i, next);
      }
      i = next;
    }
    return out == null ? s : out.toString();
  }
}
