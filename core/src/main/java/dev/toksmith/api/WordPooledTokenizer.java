package dev.toksmith.api;

import dev.toksmith.core.text.Utf8;
import dev.toksmith.core.wordpooled.ByteUnits;
import dev.toksmith.core.wordpooled.CharVocabularyUnits;
import dev.toksmith.core.wordpooled.CodePointUnits;
import dev.toksmith.core.wordpooled.SubwordUnits;
import dev.toksmith.core.wordpooled.UnitCodec;
import dev.toksmith.core.wordpooled.WordSplitter;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Word-pooled tokenization ("Learn Your Tokens", Thawani et al. 2023): text becomes words, each word a
 * short row of units (UTF-8 bytes, characters, or another tokenizer's subword ids), giving a {@code
 * [words x (slots + maxUnits)]} matrix that a model pools per word. Lossless: {@link
 * #decode(WordPooledEncoding)} gives back the exact text.
 *
 * <p>Words: text is cut at whitespace and punctuation, punctuation and symbols being words of their
 * own; each Han ideograph is a word, a run of kana is a word, and scripts without spaces and without
 * a dictionary here (Thai, Lao, Khmer, Myanmar) give one word per run between spaces or punctuation.
 * Whitespace is kept: a single space before a word is that word's first unit (as in GPT-2's {@code
 * Ġword}), and any other run of whitespace (several spaces, tabs, newlines, a space at the end) is a
 * word of its own. The words concatenate to the text.
 *
 * <p>Row layout: {@code slots} reserved leading positions (for a model's per-word CLS vectors) holding
 * the slot ids {@code padId()+1 .. padId()+slots}, then the word's units, then {@link #padId()} up to
 * the row's end. Unit ids are {@code 0 .. padId()-1}, so the pad id never equals a unit; all ids are
 * below {@link #idBound()}, the size of an embedding table. A word with more than {@code maxUnits}
 * units is cut into rows of {@code maxUnits}, the rows after the first flagged as continuations.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * WordPooledTokenizer t = WordPooledTokenizer.bytes(16, 1);   // UTF-8 bytes, 16 per row, 1 slot
 * WordPooledEncoding e = t.encode("Hello, world!");
 * String back = t.decode(e);                                   // "Hello, world!"
 * }</pre>
 */
public final class WordPooledTokenizer {
  private final UnitCodec units;
  private final int maxUnits;
  private final int slots;

  private WordPooledTokenizer(UnitCodec units, int maxUnits, int slots) {
    if (maxUnits < 1) throw new IllegalArgumentException("max units per word must be at least 1, not " + maxUnits);
    if (slots < 0) throw new IllegalArgumentException("reserved slots must be 0 or more, not " + slots);
    if ((long) slots + maxUnits > Integer.MAX_VALUE || (long) units.padId() + 1 + slots > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("too many slots or units per word: " + slots + " + " + maxUnits);
    }
    this.units = units;
    this.maxUnits = maxUnits;
    this.slots = slots;
  }

  /** Units are UTF-8 bytes (ids 0..255, pad 256). */
  public static WordPooledTokenizer bytes(int maxUnits, int slots) {
    return new WordPooledTokenizer(ByteUnits.INSTANCE, maxUnits, slots);
  }

  /** Units are code points, the id being the code point (pad 0x110000); no vocabulary needed. */
  public static WordPooledTokenizer codePoints(int maxUnits, int slots) {
    return new WordPooledTokenizer(CodePointUnits.INSTANCE, maxUnits, slots);
  }

  /** Units are ids of a trained character vocabulary, with byte fallback (pad = vocabulary size). */
  public static WordPooledTokenizer chars(CharVocabulary vocabulary, int maxUnits, int slots) {
    return new WordPooledTokenizer(new CharVocabularyUnits(vocabulary), maxUnits, slots);
  }

  /**
   * Units are the ids {@code base} gives each word on its own (pad = one past its largest id). Encoding
   * fails on a word that {@code base} does not decode back exactly (normalizers, unknown tokens).
   */
  public static WordPooledTokenizer subwords(Tokenizer base, int maxUnits, int slots) {
    return new WordPooledTokenizer(new SubwordUnits(base), maxUnits, slots);
  }

  /** Maximum units per row. */
  public int maxUnits() {
    return maxUnits;
  }

  /** Reserved leading slots per row. */
  public int slots() {
    return slots;
  }

  /** Row length: {@code slots() + maxUnits()}. */
  public int width() {
    return slots + maxUnits;
  }

  /** The pad id: one past the largest unit id, so it is never a unit. */
  public int padId() {
    return units.padId();
  }

  /** The id held by reserved slot {@code k} of every row: {@code padId() + 1 + k}. */
  public int slotId(int k) {
    if (k < 0 || k >= slots) throw new IndexOutOfBoundsException("slot " + k + " of " + slots);
    return units.padId() + 1 + k;
  }

  /** One past the largest id a row can hold (units, pad, slots): the embedding table size. */
  public int idBound() {
    return units.padId() + 1 + slots;
  }

  /** What the units are, in words, e.g. {@code "UTF-8 bytes (unit ids 0..255)"}. */
  public String describeUnits() {
    return units.describe();
  }

  /** The words of {@code text}, which concatenate back to it. */
  public static List<String> words(String text) {
    int[] b = WordSplitter.boundaries(text);
    List<String> words = new ArrayList<>(b.length - 1);
    for (int k = 0; k + 1 < b.length; k++) words.add(text.substring(b[k], b[k + 1]));
    return words;
  }

  /**
   * Encodes one text.
   *
   * @throws IllegalArgumentException for subword units, if the base tokenizer cannot give a word back exactly
   */
  public WordPooledEncoding encode(String text) {
    int[] b = WordSplitter.boundaries(text);
    int width = width();
    IntArrayList ids = new IntArrayList();
    IntArrayList lengths = new IntArrayList();
    IntArrayList continuation = new IntArrayList();
    for (int k = 0; k + 1 < b.length; k++) {
      int[] word = units.encode(text.substring(b[k], b[k + 1]));
      for (int from = 0; from < word.length; from += maxUnits) {
        int n = Math.min(maxUnits, word.length - from);
        for (int s = 0; s < slots; s++) ids.add(units.padId() + 1 + s);
        ids.addElements(ids.size(), word, from, n);
        for (int p = slots + n; p < width; p++) ids.add(units.padId());
        lengths.add(n);
        continuation.add(from == 0 ? 0 : 1);
      }
    }
    return new WordPooledEncoding(width, ids.toIntArray(), lengths.toIntArray(), continuation.toIntArray());
  }

  /** Encodes several texts in parallel and pads them to the one with the most rows. */
  public WordPooledBatch encodeBatch(List<String> texts) {
    List<WordPooledEncoding> encodings = texts.parallelStream().map(this::encode).toList();
    int words = encodings.stream().mapToInt(WordPooledEncoding::words).max().orElse(0);
    int width = width();
    int rows = Math.multiplyExact(texts.size(), words);
    int[] ids = new int[Math.multiplyExact(rows, width)];
    Arrays.fill(ids, units.padId());
    int[] lengths = new int[rows];
    int[] continuation = new int[rows];
    int[] mask = new int[rows];
    for (int i = 0; i < encodings.size(); i++) {
      WordPooledEncoding e = encodings.get(i);
      System.arraycopy(e.ids(), 0, ids, i * words * width, e.ids().length);
      System.arraycopy(e.lengths(), 0, lengths, i * words, e.words());
      System.arraycopy(e.continuation(), 0, continuation, i * words, e.words());
      Arrays.fill(mask, i * words, i * words + e.words(), 1);
    }
    return new WordPooledBatch(texts.size(), words, width, ids, lengths, continuation, mask);
  }

  /**
   * Decodes an encoding back to its exact text.
   *
   * @throws IllegalArgumentException if the encoding is not one this tokenizer's layout allows (wrong
   *     width, slot ids, lengths, pad ids, unit ids or continuation flags); the message says where
   */
  public String decode(WordPooledEncoding encoding) {
    if (encoding.width() != width()) {
      throw new IllegalArgumentException("rows have " + encoding.width() + " ids, the layout " + width() + " (" + slots + " slots + " + maxUnits + " units)");
    }
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    IntArrayList word = new IntArrayList();
    for (int k = 0; k < encoding.words(); k++) {
      int flag = encoding.continuation()[k];
      if (flag != 0 && flag != 1) throw new IllegalArgumentException("row " + k + ": continuation flag " + flag + " is not 0 or 1");
      if (flag == 1 && k == 0) throw new IllegalArgumentException("row 0: the first row cannot be a continuation");
      if (flag == 0 && k > 0) {
        text.writeBytes(decodeWord(word, k - 1));
        word.clear();
      }
      checkRow(encoding.ids(), k, encoding.lengths()[k], word);
    }
    if (!word.isEmpty()) text.writeBytes(decodeWord(word, encoding.words() - 1));
    return Utf8.decode(text.toByteArray());
  }

  /**
   * Decodes every text of a batch.
   *
   * @throws IllegalArgumentException if a text's rows are not valid (see {@link #decode}) or a padding
   *     row holds anything but pad ids, length 0 and continuation 0
   */
  public List<String> decodeBatch(WordPooledBatch batch) {
    List<String> texts = new ArrayList<>(batch.texts());
    for (int i = 0; i < batch.texts(); i++) {
      WordPooledEncoding e;
      try {
        e = batch.encoding(i);
        for (int k = e.words(); k < batch.words(); k++) {
          int row = i * batch.words() + k;
          boolean allPad = Arrays.stream(batch.ids(), row * batch.width(), (row + 1) * batch.width()).allMatch(id -> id == units.padId());
          if (!allPad || batch.lengths()[row] != 0 || batch.continuation()[row] != 0) {
            throw new IllegalArgumentException("padding row " + k + " must hold only the pad id " + units.padId() + ", length 0 and continuation 0");
          }
        }
        texts.add(decode(e));
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException("text " + i + ": " + ex.getMessage(), ex);
      }
    }
    return texts;
  }

  /** Checks row {@code k}'s slots, units and padding and appends its units to {@code word}. */
  private void checkRow(int[] ids, int k, int length, IntArrayList word) {
    if (length < 1 || length > maxUnits) throw new IllegalArgumentException("row " + k + ": length " + length + " is not 1.." + maxUnits);
    int base = k * width();
    for (int s = 0; s < slots; s++) {
      if (ids[base + s] != units.padId() + 1 + s) throw new IllegalArgumentException("row " + k + ": slot " + s + " holds " + ids[base + s] + ", not its slot id " + (units.padId() + 1 + s));
    }
    for (int p = slots; p < slots + length; p++) {
      int id = ids[base + p];
      if (id < 0 || id >= units.padId()) throw new IllegalArgumentException("row " + k + ": position " + p + " holds " + id + ", which is not a unit id (0.." + (units.padId() - 1) + ")");
      word.add(id);
    }
    for (int p = slots + length; p < width(); p++) {
      if (ids[base + p] != units.padId()) throw new IllegalArgumentException("row " + k + ": position " + p + " is past the length " + length + " but holds " + ids[base + p] + ", not the pad id " + units.padId());
    }
  }

  private byte[] decodeWord(IntArrayList word, int lastRow) {
    try {
      return units.decode(word.toIntArray());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("row " + lastRow + ": " + e.getMessage(), e);
    }
  }
}
