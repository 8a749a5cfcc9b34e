package dev.toksmith.api;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.IntConsumer;

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
 *
 * <p>Everything a caller needs is here, whatever the tokenizer was loaded from: its {@linkplain
 * #addedTokens() added and special tokens}, which specials are {@linkplain #withAllowedSpecial
 * matched}, the {@linkplain #tokenBytes(int) bytes of each id}, and a {@linkplain #description()
 * description of its stages}. Truncation, padding and batching work the same for every tokenizer.
 *
 * <pre>{@code
 * Tokenizer tok = Tokenizers.load("o200k_base");
 * int[] ids = tok.encodeIds("Hello, world!");
 * String back = tok.decode(ids);                 // "Hello, world!"
 * Set<String> specials = tok.specialTokens();    // [<|endoftext|>, <|endofprompt|>]
 * }</pre>
 */
public interface Tokenizer {

  /** Encodes {@code text} without adding the post-processor's special tokens. */
  default Encoding encode(String text) {
    return encode(text, false);
  }

  /**
   * Encodes {@code text} into ids, tokens and offsets. Offsets are UTF-16 indices into {@code text}.
   * Truncation and padding apply when set.
   *
   * @param addSpecialTokens whether the post-processor adds its special tokens (e.g. {@code <s>})
   */
  Encoding encode(String text, boolean addSpecialTokens);

  /**
   * Encodes a pair of texts (question and context, say) as one input: the post-processor's pair
   * layout, type ids 0 and 1, truncation across both.
   */
  Encoding encode(String text, String pair, boolean addSpecialTokens);

  /**
   * Encodes {@code text} to ids only, without special tokens; cheaper than {@link #encode(String)},
   * with the same ids as {@code encode(text).ids()}.
   */
  int[] encodeIds(String text);

  /**
   * Number of ids {@link #encodeIds(String)} gives for {@code text}. Tiktoken encodings count without
   * building the ids.
   */
  default int countTokens(String text) {
    return encodeIds(text).length;
  }

  /**
   * Encodes raw bytes, which need not be valid UTF-8. Byte-level models keep every byte, so {@link
   * #decodeBytes(int[], boolean)} gives the exact bytes back.
   *
   * @throws IllegalArgumentException if the bytes are not UTF-8 and the model cannot represent them
   */
  int[] encodeBytes(byte[] bytes);

  /**
   * Encodes the raw bytes {@code bytes[from, to)} as {@link #encodeBytes(byte[])} does, handing each id
   * to {@code ids} in order instead of returning an array; returns their number. Tokenizers made by
   * toksmith encode this way without allocating per token or per text, which is what a caller
   * streaming many texts through one sink wants.
   *
   * @throws IllegalArgumentException as {@link #encodeBytes(byte[])}
   */
  default int encodeBytes(byte[] bytes, int from, int to, IntConsumer ids) {
    int[] all = encodeBytes(Arrays.copyOfRange(bytes, from, to));
    for (int id : all) ids.accept(id);
    return all.length;
  }

  /**
   * Encodes several texts in parallel; the result has the order of {@code texts}. Padding to the
   * longest pads to the longest of the batch.
   */
  List<Encoding> encodeBatch(List<String> texts, boolean addSpecialTokens);

  /** Encodes pairs {@code (texts[i], pairs[i])} in parallel, as {@link #encode(String, String, boolean)}. */
  List<Encoding> encodeBatch(List<String> texts, List<String> pairs, boolean addSpecialTokens);

  /** A tokenizer like this one that truncates as {@code truncation} says, or never when null. */
  Tokenizer withTruncation(Truncation truncation);

  /** A tokenizer like this one that pads as {@code padding} says, or never when null. */
  Tokenizer withPadding(Padding padding);

  /** How encodings are truncated, or null. */
  Truncation truncation();

  /** How encodings are padded, or null. */
  Padding padding();

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
   * Writes the exact bytes the ids {@code ids[from, to)} stand for to {@code out}, as {@link
   * #decodeBytes(int[], boolean)} gives them. Tokenizers made by toksmith write each token's bytes
   * straight from their tables, without an array per text or per token. An id outside the vocabulary
   * stops the writing there.
   *
   * @throws IllegalArgumentException if an id is outside the vocabulary; the message names it
   * @throws IOException if {@code out} fails
   */
  default void decodeBytes(int[] ids, int from, int to, boolean skipSpecialTokens, OutputStream out) throws IOException {
    out.write(decodeBytes(Arrays.copyOfRange(ids, from, to), skipSpecialTokens));
  }

  /**
   * A decoder for ids that arrive one at a time (generated by a model): each step returns the text
   * that is final so far, holding back a character whose bytes have not all arrived; all it returns
   * joins to {@link #decode(int[], boolean) decode} of all the ids.
   */
  default DecodeStream decodeStream(boolean skipSpecialTokens) {
    return new WindowDecodeStream(ids -> decode(ids, skipSpecialTokens));
  }

  /**
   * The decoded text of each token: a character whose bytes are split across tokens belongs to the
   * token in which it ends, so the texts always join to {@code decode(ids)}.
   */
  List<String> tokenTexts(int[] ids);

  /** Number of distinct ids: the model's vocabulary plus added tokens it does not already hold. */
  int vocabSize();

  /**
   * Largest id plus one (tiktoken's {@code n_vocab}): more than {@link #vocabSize()} when ids have
   * gaps, as in cl100k_base. The default finds it through {@link #idToToken(int)}.
   */
  default int idBound() {
    int found = 0;
    int id = 0;
    for (int size = vocabSize(); found < size; id++) {
      if (idToToken(id).isPresent()) found++;
    }
    return id;
  }

  /** The id of a token given in its vocabulary form (e.g. {@code "Ġthe"}). */
  OptionalInt tokenToId(String token);

  /** The vocabulary form of an id. */
  Optional<String> idToToken(int id);

  /** Whether {@code id} is a special token (skipped by {@code decode(ids, true)}). */
  boolean isSpecialToken(int id);

  /**
   * The tokens matched in the text before the model sees it, in the order the tokenizer's file lists
   * them: a tokenizer.json's added tokens by id, a tiktoken encoding's special tokens as given (an id
   * may have several texts there). Tokens of a SentencePiece {@code .model} live in its model and are
   * not listed.
   */
  List<AddedTokenEntry> addedTokens();

  /** The text of every special token of {@link #addedTokens()}, in that order. */
  default Set<String> specialTokens() {
    Set<String> specials = new LinkedHashSet<>();
    for (AddedTokenEntry t : addedTokens()) if (t.special()) specials.add(t.content());
    return specials;
  }

  /**
   * The special tokens matched in the input; the text of any other special token is encoded as
   * ordinary text. Tiktoken encodings allow none by default ({@code encode_ordinary}); tokenizer.json
   * files allow all of them, as Hugging Face does.
   */
  Set<String> allowedSpecial();

  /**
   * A tokenizer like this one that matches only {@code specials} among its special tokens in the input
   * (tiktoken's {@code allowed_special}); the others are ordinary text, as Hugging Face's {@code
   * split_special_tokens} makes all of them. Non-special added tokens are always matched, and every id
   * still decodes. Pass {@link #specialTokens()} for tiktoken's {@code "all"}, an empty set for plain
   * text.
   *
   * <pre>{@code
   * Tokenizer chat = tokenizer.withAllowedSpecial(Set.of("<|endoftext|>"));
   * chat.encodeIds("a<|endoftext|>");  // [64, 199999] with o200k_base
   * }</pre>
   *
   * @throws IllegalArgumentException if one of them is not a special token of this tokenizer
   */
  Tokenizer withAllowedSpecial(Set<String> specials);

  /**
   * The exact bytes {@code id} stands for, as it decodes on its own (special tokens as their text);
   * for byte-level tokenizers the bytes of some ids are the bytes of each id, one after the other,
   * which is what byte-level language-model scoring needs.
   *
   * <pre>{@code
   * byte[] b = tokenizer.tokenBytes(tokenizer.tokenToId("Ġthe").getAsInt()); // " the" in UTF-8
   * }</pre>
   *
   * @throws IllegalArgumentException if {@code id} is outside the vocabulary
   */
  default byte[] tokenBytes(int id) {
    return decodeBytes(new int[] {id}, false);
  }

  /**
   * What the tokenizer is made of, stage by stage, with tokenizer.json type names and key parameters;
   * for tools that show or check a tokenizer ({@code toksmith inspect}).
   */
  TokenizerDescription description();
}
