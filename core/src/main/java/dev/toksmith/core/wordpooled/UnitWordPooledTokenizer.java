package dev.toksmith.core.wordpooled;

import dev.toksmith.api.Tokenizer;
import dev.toksmith.api.WordPooledBatch;
import dev.toksmith.api.WordPooledEncoding;
import dev.toksmith.api.WordPooledTokenizer;
import dev.toksmith.core.text.Utf8;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@link WordPooledTokenizer} of one {@link UnitCodec}: words from {@link WordSplitter}, each
 * word's units cut into rows of the layout. Immutable and thread-safe.
 */
public final class UnitWordPooledTokenizer implements WordPooledTokenizer {
  private final UnitCodec units;
  private final int maxUnits;
  private final int slots;

  /**
   * @throws IllegalArgumentException if {@code maxUnits < 1}, {@code slots < 0} or the ids would not
   *     fit an int
   */
  public UnitWordPooledTokenizer(UnitCodec units, int maxUnits, int slots) {
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
  public static UnitWordPooledTokenizer bytes(int maxUnits, int slots) {
    return new UnitWordPooledTokenizer(ByteUnits.INSTANCE, maxUnits, slots);
  }

  /** Units are code points, the id being the code point (pad 0x110000); no vocabulary needed. */
  public static UnitWordPooledTokenizer codePoints(int maxUnits, int slots) {
    return new UnitWordPooledTokenizer(CodePointUnits.INSTANCE, maxUnits, slots);
  }

  /** Units are the ids {@code base} gives each word on its own (pad = one past its largest id). */
  public static UnitWordPooledTokenizer subwords(Tokenizer base, int maxUnits, int slots) {
    return new UnitWordPooledTokenizer(new SubwordUnits(base), maxUnits, slots);
  }

  @Override
  public int maxUnits() {
    return maxUnits;
  }

  @Override
  public int slots() {
    return slots;
  }

  @Override
  public int padId() {
    return units.padId();
  }

  @Override
  public String describeUnits() {
    return units.describe();
  }

  @Override
  public List<String> words(String text) {
    int[] b = WordSplitter.boundaries(text);
    List<String> words = new ArrayList<>(b.length - 1);
    for (int k = 0; k + 1 < b.length; k++) words.add(text.substring(b[k], b[k + 1]));
    return words;
  }

  @Override
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

  @Override
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

  @Override
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

  @Override
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
