package dev.toksmith.core.models.sentencepiece;

import dev.toksmith.core.models.WordCounter;
import dev.toksmith.core.normalizers.NormalizationRules;
import dev.toksmith.core.normalizers.SentencePieceNormalizer;
import dev.toksmith.core.text.Utf8;
import dev.toksmith.core.unicode.TokenTrie;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns sentences into the words SentencePiece's trainers learn from and counts them, as its {@code
 * LoadSentences} and {@code SplitSentencesByWhitespace} prepare them: the sentence is normalized
 * (the named rule, whitespace options, {@code ▁} for spaces), every special, user-defined and byte
 * piece written in it becomes a tab (a boundary no piece crosses), and it is split before each
 * {@code ▁} (after, when whitespace is a suffix).
 *
 * <p>For Unigram, each word is counted together with the character that follows it in its sentence
 * ({@link #END} at the end): the Unigram seed's suffix array needs that much of each word's right
 * context to find the substrings SentencePiece finds in whole sentences. The counts are a {@link
 * WordCounter} whose keys are that character's UTF-8 (one byte {@code 0xFF} for the end) followed by
 * the word's UTF-8. BPE needs the words alone: its keys are the word's UTF-8 with each {@code ▁} as
 * the one byte {@code 0xFE} (which no UTF-8 holds), so that most words fit in the counter's slots
 * whole and each is counted once, whatever follows it. Not thread-safe: count with one instance per
 * thread and {@link #addAll} them; the sum does not depend on which instance counted what.
 */
public final class SentenceCounter {
  /** The code point standing for the end of a sentence after a word. */
  public static final int END = -1;
  /** SentencePiece's whitespace symbol. */
  public static final char SPACE = '\u2581';
  /** The character SentencePiece reserves for unknown characters; sentences holding it are skipped. */
  public static final char UNKNOWN = '\u2585';
  /** What special pieces written in the text become. */
  static final char BOUNDARY = '\t';

  private static final byte END_MARK = (byte) 0xFF;
  /** {@code ▁} in a BPE key. */
  static final byte SPACE_MARK = (byte) 0xFE;

  private final SentencePieceNormalizer normalizer;
  private final TokenTrie metaPieces;
  /** The character every meta piece starts with, or -1 if they differ. */
  private final int firstChar;
  private final boolean suffix;
  private final boolean allowWhitespaceOnly;
  /** Whether each word is counted with the character after it (Unigram), or alone (BPE). */
  private final boolean keepsNext;
  private WordCounter words = new WordCounter();
  private long sentences;
  private byte[] key = new byte[256];
  /** The sentence being split, as an array: the splitting and encoding loops read every character. */
  private char[] chars = new char[256];

  public SentenceCounter(TrainerSpec spec) {
    normalizer = new SentencePieceNormalizer(NormalizationRules.charsmap(spec.normalization()), List.of(), spec.addDummyPrefix(), spec.removeExtraWhitespaces(),
        true, spec.treatWhitespaceAsSuffix());
    List<String> meta = new ArrayList<>();
    for (SentencePieceModel.Piece p : spec.metaPieces()) meta.add(p.text());
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < meta.size(); i++) ids.add(i);
    metaPieces = new TokenTrie(meta, ids);
    int first = meta.get(0).charAt(0);
    for (String piece : meta) if (piece.charAt(0) != first) first = -1;
    firstChar = first;
    suffix = spec.treatWhitespaceAsSuffix();
    allowWhitespaceOnly = spec.allowWhitespaceOnlyPieces();
    keepsNext = spec.modelType() == SentencePieceModel.Algorithm.UNIGRAM;
  }

  /** Why a raw sentence is not trained on, or null when it is. */
  public static String skipReason(String sentence, int maxSentenceLength) {
    if (sentence.isEmpty()) return "empty";
    if (utf8Length(sentence, maxSentenceLength) > maxSentenceLength) return "too long";
    if (sentence.indexOf(UNKNOWN) >= 0) return "reserved";
    return null;
  }

  /** UTF-8 bytes of {@code s}, counted only up to just past {@code limit}. */
  private static int utf8Length(String s, int limit) {
    int bytes = 0;
    for (int i = 0, n = s.length(); i < n && bytes <= limit; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  /** Normalizes one sentence that {@link #skipReason} accepted and counts its words. */
  public void add(String sentence) {
    String text = replaceMetaPieces(normalizer.normalizedText(sentence));
    if (text.isEmpty()) return;
    sentences++;
    int n = text.length();
    if (chars.length < n) chars = new char[Math.max(n, 2 * chars.length)];
    text.getChars(0, n, chars, 0);
    if (suffix) {
      splitBeforeSuffixes(n);
    } else {
      splitBeforeSpaces(n);
    }
  }

  /** SentencePiece's {@code PrefixMatcher::GlobalReplace} with the meta pieces, into tabs. */
  private String replaceMetaPieces(String text) {
    StringBuilder out = null;
    int copied = 0;
    for (int i = 0; i < text.length(); ) {
      if (firstChar >= 0) {
        // All meta pieces start alike (with '<', unless user-defined symbols differ): jump to the next one.
        i = text.indexOf(firstChar, i);
        if (i < 0) break;
      }
      int piece = metaPieces.longestAt(text, i);
      if (piece < 0) {
        i++;
        continue;
      }
      if (out == null) out = new StringBuilder(text.length());
      out.append(text, copied, i).append(BOUNDARY);
      i += metaPieces.length(piece);
      copied = i;
    }
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }

  /** {@code SplitIntoWords} with whitespace as a prefix: a word starts at the start and at each {@code ▁} (each run of them, if whitespace-only pieces are allowed). */
  private void splitBeforeSpaces(int n) {
    char[] text = chars;
    int start = 0;
    boolean inSpaces = false;
    for (int i = 0; i < n; i++) {
      boolean space = text[i] == SPACE;
      if (i == 0 || (space && (!inSpaces || !allowWhitespaceOnly))) {
        if (i > 0) count(n, start, i);
        start = i;
        inSpaces = true;
      }
      if (inSpaces && !space) inSpaces = false;
    }
    count(n, start, n);
  }

  /** {@code SplitIntoWords} with whitespace as a suffix: a word ends after each {@code ▁} (each run of them, if whitespace-only pieces are allowed). */
  private void splitBeforeSuffixes(int n) {
    char[] text = chars;
    int start = 0;
    boolean inSpaces = false;
    for (int i = 0; i < n; i++) {
      boolean space = text[i] == SPACE;
      if (space) {
        inSpaces = true;
      } else if (inSpaces) {
        if (allowWhitespaceOnly) {
          count(n, start, i);
          start = i;
        }
        inSpaces = false;
      }
      if (i + 1 < n && space && !allowWhitespaceOnly) {
        count(n, start, i + 1);
        start = i + 1;
      }
    }
    count(n, start, n);
  }

  /** Counts {@code chars[from, to)} of the sentence's {@code n}, with the character after it for Unigram. */
  private void count(int n, int from, int to) {
    int max = 4 + Utf8.maxBytes(to - from);
    if (key.length < max) key = new byte[Math.max(max, 2 * key.length)];
    if (!keepsNext) {
      words.add(key, 0, markSpaces(key, 0, Utf8.encode(chars, from, to, key, 0)), 1);
      return;
    }
    int length;
    if (to == n) {
      key[0] = END_MARK;
      length = 1;
    } else {
      boolean pair = Character.isHighSurrogate(chars[to]) && to + 1 < n && Character.isLowSurrogate(chars[to + 1]);
      length = Utf8.encode(chars, to, pair ? to + 2 : to + 1, key, 0);
    }
    length = Utf8.encode(chars, from, to, key, length);
    words.add(key, 0, length, 1);
  }

  /** Rewrites each {@code ▁} of the UTF-8 {@code bytes[from, to)} as {@link #SPACE_MARK}, in place; returns the new end. */
  private static int markSpaces(byte[] bytes, int from, int to) {
    int out = from;
    for (int i = from; i < to; ) {
      if (bytes[i] == (byte) 0xE2 && i + 2 < to && bytes[i + 1] == (byte) 0x96 && bytes[i + 2] == (byte) 0x81) {
        bytes[out++] = SPACE_MARK;
        i += 3;
      } else {
        bytes[out++] = bytes[i++];
      }
    }
    return out;
  }

  /**
   * Adds what {@code other} counted. BPE counts can take Unigram counts (the next characters are
   * dropped), not the other way round.
   *
   * @throws IllegalArgumentException if this counts for Unigram and {@code other} for BPE
   */
  public void addAll(SentenceCounter other) {
    if (keepsNext == other.keepsNext) {
      words.addAll(other.words);
    } else if (other.keepsNext) {
      other.forEach((word, next, count) -> addWord(word, END, count));
    } else {
      throw new IllegalArgumentException("words counted for BPE lack the next characters Unigram training needs");
    }
    sentences += other.sentences;
  }

  /** Adds {@code count} occurrences of {@code word} followed by {@code next} ({@link #END} for none; BPE ignores it). */
  public void addWord(String word, int next, long count) {
    byte[] wordBytes = Utf8.encode(word);
    if (!keepsNext) {
      words.add(wordBytes, 0, markSpaces(wordBytes, 0, wordBytes.length), count);
      return;
    }
    byte[] nextBytes = next == END ? new byte[] {END_MARK} : Utf8.encode(new String(Character.toChars(next)));
    byte[] bytes = java.util.Arrays.copyOf(nextBytes, nextBytes.length + wordBytes.length);
    System.arraycopy(wordBytes, 0, bytes, nextBytes.length, wordBytes.length);
    words.add(bytes, 0, bytes.length, count);
  }

  /** Sentences counted (after normalization left something). */
  public long sentences() {
    return sentences;
  }

  /** Adds to the sentence count, for counts assembled with {@link #addWord}. */
  public void addSentences(long count) {
    sentences += count;
  }

  /** Distinct (word, next character) keys counted; distinct words for BPE. */
  public int size() {
    return words.size();
  }

  /** Receives the counted words. */
  @FunctionalInterface
  public interface Visitor {
    /** @param next the code point after the word in its sentences, or {@link #END} (always, for BPE) */
    void word(String word, int next, long count);
  }

  /** Visits every distinct (word, next character) once, in no particular order. */
  public void forEach(Visitor visitor) {
    words.forEach((bytes, from, to, count) -> {
      int wordFrom = wordStart(bytes, from, to);
      int next = END;
      if (wordFrom > from && bytes[from] != END_MARK) next = Utf8.decode(bytes, from, wordFrom).codePointAt(0);
      visitor.word(wordText(bytes, wordFrom, to), next, count);
    });
  }

  /** Where the word starts in one of this counter's keys: after the next character's UTF-8 or the end mark, if it keeps them. */
  int wordStart(byte[] bytes, int from, int to) {
    if (!keepsNext || bytes[from] == END_MARK) return keepsNext ? from + 1 : from;
    int lead = bytes[from] & 0xFF;
    return from + (lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4);
  }

  /** The text of a word's key bytes. */
  private static String wordText(byte[] bytes, int from, int to) {
    byte[] utf8 = new byte[3 * (to - from)];
    int n = 0;
    for (int i = from; i < to; i++) {
      if (bytes[i] == SPACE_MARK) {
        utf8[n++] = (byte) 0xE2;
        utf8[n++] = (byte) 0x96;
        utf8[n++] = (byte) 0x81;
      } else {
        utf8[n++] = bytes[i];
      }
    }
    return Utf8.decode(utf8, 0, n);
  }

  /** Whether words are counted with the character after them (for Unigram). */
  boolean keepsNext() {
    return keepsNext;
  }

  /** Forgets the words counted, so that their memory can go (the sentence count stays). */
  public void release() {
    words = new WordCounter();
  }

  /** The raw counter, for {@link TrainingWords}. */
  WordCounter counter() {
    return words;
  }
}
