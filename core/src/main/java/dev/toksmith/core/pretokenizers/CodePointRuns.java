package dev.toksmith.core.pretokenizers;

import dev.toksmith.core.unicode.NormalizedString;


/**
 * Splits text by a classification of its code points: code points of class {@link #DROPPED} are
 * removed, each code point of class {@link #ALONE} is a piece of its own, and consecutive code
 * points of the same positive class form one piece. This is what Hugging Face's character-class
 * pre-tokenizers compute with one or two passes of {@code split}.
 */
final class CodePointRuns {
  static final int DROPPED = 0;
  static final int ALONE = -1;

  /** The class of one code point. */
  @FunctionalInterface
  interface Classifier {
    int classOf(int codePoint);
  }

  private CodePointRuns() {}

  static void split(NormalizedString segment, Classifier classifier, PieceSink pieces) {
    String text = segment.get();
    int n = text.length();
    int runStart = 0;
    int runClass = DROPPED;
    for (int i = 0; i < n; ) {
      int cp = text.codePointAt(i);
      int next = i + Character.charCount(cp);
      int cls = classifier.classOf(cp);
      if (cls != runClass || cls == ALONE) {
        if (runClass != DROPPED) pieces.piece(segment, runStart, i);
        runStart = i;
        runClass = cls;
      }
      i = next;
    }
    if (runClass != DROPPED) pieces.piece(segment, runStart, n);
  }
}
