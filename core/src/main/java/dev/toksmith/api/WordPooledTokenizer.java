package dev.toksmith.api;

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
 * <p>Implementations are immutable and thread-safe. Get one from {@code WordPooledTokenizers} (in
 * {@code dev.toksmith}): {@code bytes}, {@code codePoints}, {@code chars} or {@code subwords}, or
 * {@code Tokenizers.loadWordPooled} for a spec.
 *
 * <pre>{@code
 * WordPooledTokenizer t = WordPooledTokenizers.bytes(16, 1);  // UTF-8 bytes, 16 per row, 1 slot
 * WordPooledEncoding e = t.encode("Hello, world!");
 * String back = t.decode(e);                                   // "Hello, world!"
 * }</pre>
 */
public interface WordPooledTokenizer {
  /** Maximum units per row. */
  int maxUnits();

  /** Reserved leading slots per row. */
  int slots();

  /** Row length: {@code slots() + maxUnits()}. */
  default int width() {
    return slots() + maxUnits();
  }

  /** The pad id: one past the largest unit id, so it is never a unit. */
  int padId();

  /** The id held by reserved slot {@code k} of every row: {@code padId() + 1 + k}. */
  default int slotId(int k) {
    if (k < 0 || k >= slots()) throw new IndexOutOfBoundsException("slot " + k + " of " + slots());
    return padId() + 1 + k;
  }

  /** One past the largest id a row can hold (units, pad, slots): the embedding table size. */
  default int idBound() {
    return padId() + 1 + slots();
  }

  /** What the units are, in words, e.g. {@code "UTF-8 bytes (unit ids 0..255)"}. */
  String describeUnits();

  /** The words of {@code text}, which concatenate back to it. */
  List<String> words(String text);

  /**
   * Encodes one text.
   *
   * @throws IllegalArgumentException for subword units, if the base tokenizer cannot give a word back exactly
   */
  WordPooledEncoding encode(String text);

  /** Encodes several texts in parallel and pads them to the one with the most rows. */
  WordPooledBatch encodeBatch(List<String> texts);

  /**
   * Decodes an encoding back to its exact text.
   *
   * @throws IllegalArgumentException if the encoding is not one this tokenizer's layout allows (wrong
   *     width, slot ids, lengths, pad ids, unit ids or continuation flags); the message says where
   */
  String decode(WordPooledEncoding encoding);

  /**
   * Decodes every text of a batch.
   *
   * @throws IllegalArgumentException if a text's rows are not valid (see {@link #decode}) or a padding
   *     row holds anything but pad ids, length 0 and continuation 0
   */
  List<String> decodeBatch(WordPooledBatch batch);
}
