package dev.toksmith.core.models.wordlevel;

import dev.toksmith.core.models.TrainingWords;
import dev.toksmith.core.models.WordSink;
import dev.toksmith.core.unicode.CharClasses;

/**
 * The words of Hugging Face's {@code Whitespace} pre-tokenizer with no normalizer before it (the
 * matches of {@code \w+|[^\w\s]+}), cut straight from the document: the same classes as {@link
 * dev.toksmith.core.pretokenizers.Whitespace}, without building the offsets it keeps.
 */
public final class WhitespaceWords implements TrainingWords {
  private static final int SPACE = 0;
  private static final int WORD = 1;
  private static final int OTHER = 2;
  private static final byte[] ASCII_CLASS = new byte[128];

  static {
    for (int c = 0; c < 128; c++) ASCII_CLASS[c] = (byte) classOf(c);
  }

  @Override
  public void count(String document, WordSink words) {
    int runStart = 0;
    int runClass = SPACE;
    for (int i = 0, n = document.length(); i < n; ) {
      char c = document.charAt(i);
      int cls;
      int next;
      if (c < 0x80) {
        cls = ASCII_CLASS[c];
        next = i + 1;
      } else {
        int cp = document.codePointAt(i);
        cls = classOf(cp);
        next = i + Character.charCount(cp);
      }
      if (cls != runClass) {
        if (runClass != SPACE) words.add(document, runStart, i);
        runStart = i;
        runClass = cls;
      }
      i = next;
    }
    if (runClass != SPACE) words.add(document, runStart, document.length());
  }

  private static int classOf(int cp) {
    if (CharClasses.isWordChar(cp)) return WORD;
    return CharClasses.isWhiteSpace(cp) ? SPACE : OTHER;
  }
}
