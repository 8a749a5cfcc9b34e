package dev.toksmith.core.models.sentencepiece;

import dev.toksmith.core.unicode.Scripts;

/**
 * Which character sequences may be pieces: SentencePiece's {@code IsValidSentencePiece}, over the
 * character ids of {@link TrainingWords}. A piece is at most {@code max_sentencepiece_length}
 * characters, holds no unknown character, has {@code ▁} only first (last, when whitespace is a
 * suffix) unless it is all {@code ▁} and such pieces are allowed, never mixes scripts (Hiragana,
 * Katakana and U+30FC count as Han; a combining mark takes the script before it; digits are a script
 * of their own unless {@code split_by_number} is off), and with {@code split_digits} a digit is a
 * piece alone.
 */
public final class PieceRules {
  /** No script constraint: SentencePiece's {@code kAnyType}. */
  private static final int ANY = -2;
  private static final int COMMON = 0;
  private static final int INHERITED = 1;

  private final int unknownId;
  private final int spaceId;
  /** Per character id: its script for this purpose. */
  private final int[] scripts;
  private final boolean[] decimal;
  /** Characters no piece holds. */
  private final boolean[] excluded;
  private final int maxLength;
  private final boolean suffix;
  private final boolean allowWhitespaceOnly;
  private final boolean splitDigits;
  private final boolean splitByScript;
  private final boolean splitByNumber;

  public PieceRules(TrainingWords words, TrainerSpec spec) {
    this(alphabet(words), spec);
  }

  /** @param codePoints the code point of each character id, the unknown character's last */
  PieceRules(int[] codePoints, TrainerSpec spec) {
    unknownId = codePoints.length - 1;
    int space = -1;
    scripts = new int[codePoints.length];
    decimal = new boolean[codePoints.length];
    excluded = new boolean[codePoints.length];
    excluded[unknownId] = true;
    for (int id = 0; id < unknownId; id++) {
      int cp = codePoints[id];
      // Never in a piece: NUL, the boundary tab, a space (normalization escapes them), the unknown character, a non-character.
      excluded[id] = cp == 0 || cp == SentenceCounter.BOUNDARY || cp == ' ' || cp == SentenceCounter.UNKNOWN || !TrainingWords.isValidCodePoint(cp);
      if (cp == SentenceCounter.SPACE) space = id;
      int script = Scripts.scriptOf(cp);
      if (script == Scripts.NONE) script = COMMON;
      if (script == Scripts.HIRAGANA || script == Scripts.KATAKANA || cp == 0x30FC) script = Scripts.HAN;
      scripts[id] = script;
      decimal[id] = (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
    }
    spaceId = space;
    maxLength = spec.maxPieceLength();
    suffix = spec.treatWhitespaceAsSuffix();
    allowWhitespaceOnly = spec.allowWhitespaceOnlyPieces();
    splitDigits = spec.splitDigits();
    splitByScript = spec.splitByUnicodeScript();
    splitByNumber = spec.splitByNumber();
  }

  private static int[] alphabet(TrainingWords words) {
    int[] codePoints = new int[words.unknownId() + 1];
    for (int id = 0; id <= words.unknownId(); id++) codePoints[id] = words.codePoint(id);
    return codePoints;
  }

  /** The id of {@code ▁}, or -1 if it was dropped. */
  public int spaceId() {
    return spaceId;
  }

  /** Whether {@code chars[from, to)} may be a piece. */
  public boolean isValid(int[] chars, int from, int to) {
    int length = to - from;
    if (length == 0 || length > maxLength) return false;
    boolean allSpaces = true;
    for (int i = from; i < to; i++) allSpaces &= chars[i] == spaceId;
    int previous = ANY;
    for (int i = from; i < to; i++) {
      int c = chars[i];
      int pos = i - from;
      if (excluded[c]) return false;
      if (c == spaceId) {
        // Split by whitespace always: a space only first (last as a suffix), unless all are spaces and that is allowed.
        if (!allowWhitespaceOnly || !allSpaces) {
          if (suffix ? pos < length - 1 : pos > 0) return false;
        }
        continue;
      }
      int script = scripts[c];
      if (script == INHERITED) script = previous;
      if (!splitByNumber && decimal[c]) script = ANY;
      if (splitDigits && decimal[c] && length > 1) return false;
      if (splitByScript && script != ANY && previous != ANY && previous != script) return false;
      previous = script;
    }
    return true;
  }
}
