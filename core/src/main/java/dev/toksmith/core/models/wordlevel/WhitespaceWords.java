package dev.toksmith.core.models.wordlevel;

import dev.toksmith.core.models.Utf8TrainingWords;
import dev.toksmith.core.models.WordSink;
import dev.toksmith.core.text.Utf8;
import dev.toksmith.core.unicode.CharClasses;

/**
 * The words of Hugging Face's {@code Whitespace} pre-tokenizer with no normalizer before it (the
 * matches of {@code \w+|[^\w\s]+}), cut straight from the document: the same classes as {@link
 * dev.toksmith.core.pretokenizers.Whitespace}, without building the offsets it keeps. From UTF-8
 * bytes, words are cut where the decoded text would cut them and counted as the bytes they are.
 */
public final class WhitespaceWords implements Utf8TrainingWords {
  private static final int SPACE = 0;
  private static final int WORD = 1;
  private static final int OTHER = 2;
  private static final byte[] ASCII_CLASS = new byte[128];

  static {
    for (int c = 0; c < 128; c++) ASCII_CLASS[c] = (byte) classOf(c);
  }

  private char[] chars = new char[256];

  @Override
  public void count(String document, WordSink words) {
    // Classified from a copy: a String's own charAt costs more, most of all for text beyond Latin-1.
    int n = document.length();
    if (chars.length < n) chars = new char[Math.max(n, 2 * chars.length)];
    document.getChars(0, n, chars, 0);
    char[] text = chars;
    int runStart = 0;
    int runClass = SPACE;
    for (int i = 0; i < n; ) {
      char c = text[i];
      int cls;
      int next = i + 1;
      if (c < 0x80) {
        cls = ASCII_CLASS[c];
      } else if (Character.isHighSurrogate(c) && next < n && Character.isLowSurrogate(text[next])) {
        cls = classOf(Character.toCodePoint(c, text[next]));
        next++;
      } else {
        cls = classOf(c);
      }
      if (cls != runClass) {
        if (runClass != SPACE) words.add(document, runStart, i);
        runStart = i;
        runClass = cls;
      }
      i = next;
    }
    if (runClass != SPACE) words.add(document, runStart, n);
  }

  @Override
  public int countUtf8(byte[] utf8, int from, int to, WordSink words) {
    int runStart = from;
    int runClass = SPACE;
    for (int i = from; i < to; ) {
      int b = utf8[i];
      int cls;
      int next;
      if (b >= 0) {
        cls = ASCII_CLASS[b];
        next = i + 1;
        // The rest of an ASCII run of one class, in a tight loop.
        if (cls == runClass) {
          while (next < to && (b = utf8[next]) >= 0 && ASCII_CLASS[b] == cls) next++;
          i = next;
          continue;
        }
      } else {
        int length = Utf8.validSequenceLength(utf8, i, to);
        if (length == 0) {
          // The text from the word in progress on decodes and splits as it would whole.
          if (runClass != SPACE) return runStart;
          return i;
        }
        cls = classOf(Utf8.codePoint(utf8, i, length));
        next = i + length;
      }
      if (cls != runClass) {
        if (runClass != SPACE) words.add(utf8, runStart, i);
        runStart = i;
        runClass = cls;
      }
      i = next;
    }
    if (runClass != SPACE) words.add(utf8, runStart, to);
    return to;
  }

  private static int classOf(int cp) {
    if (CharClasses.isWordChar(cp)) return WORD;
    return CharClasses.isWhiteSpace(cp) ? SPACE : OTHER;
  }
}
