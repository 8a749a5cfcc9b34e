package dev.toksmith.api;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A text tokenizer: turns text into token ids and back.
 *
 * <p>Implementations are immutable and thread-safe; share one instance across threads.
 *
 * <p>Round trip: {@code decode(encodeIds(text)).equals(text)} for every {@code String}, including
 * emoji, combining marks and unpaired surrogates, whenever the tokenizer has no normalizer and its
 * model can represent every byte (byte-level BPE). Unpaired surrogates are encoded as their
 * generalized UTF-8 (WTF-8) bytes, which no other tool produces from valid text; raw bytes that are
 * not UTF-8 at all go through {@link #encodeBytes(byte[])} and {@link #decodeBytes(int[], boolean)}.
 */
public interface Tokenizer {

  /** Encodes {@code text} without adding the post-processor's special tokens. */
  default Encoding encode(String text) {
    return encode(text, false);
  }

  /**
   * Encodes {@code text} into ids, tokens and offsets. Offsets are UTF-16 indices into {@code text}.
   *
   * @param addSpecialTokens whether the post-processor (e.g. a template adding {@code <s>}) runs
   */
  Encoding encode(String text, boolean addSpecialTokens);

  /** Encodes {@code text} to ids only, without special tokens; cheaper than {@link #encode(String)}. */
  int[] encodeIds(String text);

  /**
   * Encodes raw bytes, which need not be valid UTF-8. Byte-level models keep every byte, so {@link
   * #decodeBytes(int[], boolean)} gives the exact bytes back.
   *
   * @throws IllegalArgumentException if the bytes are not UTF-8 and the model cannot represent them
   */
  int[] encodeBytes(byte[] bytes);

  /** Encodes several texts in parallel; the result has the order of {@code texts}. */
  List<Encoding> encodeBatch(List<String> texts, boolean addSpecialTokens);

  /** Decodes ids to text, keeping special tokens, so that it inverts {@link #encodeIds(String)}. */
  default String decode(int[] ids) {
    return decode(ids, false);
  }

  /**
   * Decodes ids to text. Byte sequences that are not UTF-8 (possible when ids were not produced by
   * {@code encode}) become U+FFFD, one per maximal invalid subpart, as Hugging Face does.
   *
   * @throws IllegalArgumentException if an id is outside the vocabulary; the message names it
   */
  String decode(int[] ids, boolean skipSpecialTokens);

  /**
   * Decodes ids to the exact bytes they stand for.
   *
   * @throws IllegalArgumentException if an id is outside the vocabulary; the message names it
   */
  byte[] decodeBytes(int[] ids, boolean skipSpecialTokens);

  /**
   * The decoded text of each token: a character whose bytes are split across tokens belongs to the
   * token in which it ends, so the texts always join to {@code decode(ids)}.
   */
  List<String> tokenTexts(int[] ids);

  /** Number of distinct ids: the model's vocabulary plus added tokens it does not already hold. */
  int vocabSize();

  /** The id of a token given in its vocabulary form (e.g. {@code "Ġthe"}). */
  OptionalInt tokenToId(String token);

  /** The vocabulary form of an id. */
  Optional<String> idToToken(int id);

  /** Whether {@code id} is a special token (skipped by {@code decode(ids, true)}). */
  boolean isSpecialToken(int id);
}
