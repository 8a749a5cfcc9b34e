package dev.toksmith.cli;

import dev.toksmith.Utf8Text;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.Arrays;

/**
 * Decimal token ids separated by spaces, tabs or carriage returns (ids written on Windows end in
 * {@code \r}), parsed as their bytes arrive, so that a line of any length can be read in parts.
 * Anything else is an error that quotes the word (at most about 100 bytes of it).
 */
final class IdParser {
  private static final int QUOTED = 100;

  private long value;
  private boolean inNumber;
  private boolean inBadWord;
  private final byte[] word = new byte[QUOTED];
  private int wordLength;
  private long wordBytes;

  /** Parses {@code bytes[from, to)}, appending each id completed to {@code ids}. */
  void feed(byte[] bytes, int from, int to, IntArrayList ids) throws LinePipeline.BadLineException {
    for (int i = from; i < to; i++) {
      byte b = bytes[i];
      if (inBadWord) {
        if (b == ' ' || b == '\t') throw badWord();
        keep(b);
      } else if (b >= '0' && b <= '9') {
        // Past Integer.MAX_VALUE the value stops growing: the word is no id either way.
        value = Math.min(value * 10 + (b - '0'), Integer.MAX_VALUE + 1L);
        inNumber = true;
        keep(b);
      } else if (b == ' ' || b == '\t' || b == '\r') {
        if (inNumber) endNumber(ids);
      } else {
        inBadWord = true;
        keep(b);
      }
    }
  }

  /** Ends the input: the last word is complete. */
  void finish(IntArrayList ids) throws LinePipeline.BadLineException {
    if (inBadWord) throw badWord();
    if (inNumber) endNumber(ids);
  }

  /** Appends the ids of a whole line {@code line[from, to)} to {@code ids}. */
  static void parse(byte[] line, int from, int to, IntArrayList ids) throws LinePipeline.BadLineException {
    IdParser parser = new IdParser();
    parser.feed(line, from, to, ids);
    parser.finish(ids);
  }

  private void endNumber(IntArrayList ids) throws LinePipeline.BadLineException {
    if (value > Integer.MAX_VALUE) throw badWord();
    ids.add((int) value);
    value = 0;
    inNumber = false;
    wordLength = 0;
    wordBytes = 0;
  }

  private void keep(byte b) {
    if (wordLength < QUOTED) word[wordLength++] = b;
    wordBytes++;
  }

  private LinePipeline.BadLineException badWord() {
    String more = wordBytes > wordLength ? "... (" + (wordBytes - wordLength) + " more bytes)" : "";
    byte[] shown = Arrays.copyOf(word, wordLength);
    return new LinePipeline.BadLineException("'" + Utf8Text.excerpt(shown, 0, shown.length) + more + "' is not a token id");
  }
}
