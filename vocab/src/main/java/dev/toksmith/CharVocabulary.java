package dev.toksmith;

import dev.toksmith.api.DocumentSource;
import dev.toksmith.api.ReadProgress;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.api.TokenizerDescription;
import dev.toksmith.core.Pipeline;
import dev.toksmith.core.decoders.ByteFallbackDecoder;
import dev.toksmith.core.decoders.DecoderSequence;
import dev.toksmith.core.decoders.FuseDecoder;
import dev.toksmith.core.models.bpe.BpeModel;
import dev.toksmith.core.models.bpe.BpeOptions;
import dev.toksmith.core.text.ByteTokens;
import dev.toksmith.core.wordpooled.CharVocabularyUnits;
import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * A compact character vocabulary for word-pooled models ({@link WordPooledTokenizers#chars}): ids
 * 0..255 are the 256 byte-fallback units {@code <0x00>}..{@code <0xFF>}, ids 256.. the trained
 * characters, most frequent first. A character outside the vocabulary becomes the units of its UTF-8
 * bytes, so every text stays representable and decodes exactly.
 *
 * <p>This is exactly a Hugging Face BPE model with no merges, {@code byte_fallback} on and a
 * ByteFallback + Fuse decoder, so {@link #asTokenizer()} saves as a tokenizer.json that Hugging Face
 * {@code tokenizers} loads and runs with the same ids, and {@link #fromTokenizer} reads it back.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * CharVocabulary chars = CharVocabulary.of('a', 'b', 'é');
 * Tokenizer tok = chars.asTokenizer();                       // ids 256, 257, 258 for a, b, é
 * CharVocabulary back = CharVocabulary.fromTokenizer(tok);   // the same characters
 * }</pre>
 */
public final class CharVocabulary {
  /** Number of byte-fallback ids in front of the characters. */
  public static final int BYTE_IDS = CharVocabularyUnits.BYTE_IDS;

  private final CharVocabularyUnits units;

  private CharVocabulary(int[] characters) {
    this.units = new CharVocabularyUnits(characters);
  }

  /**
   * A vocabulary of these characters, in id order (the first gets id 256).
   *
   * @throws IllegalArgumentException if a value is not a Unicode scalar value or appears twice
   */
  public static CharVocabulary of(int... characters) {
    return new CharVocabulary(characters);
  }

  /**
   * Counts the characters of a corpus and keeps the most frequent: {@code size - 256} of them at most
   * (ties by code point), each seen at least {@code minFrequency} times.
   *
   * @param size the vocabulary size, the 256 byte ids included
   * @throws IllegalArgumentException if {@code size < 256} or {@code minFrequency < 1}
   */
  public static CharVocabulary train(DocumentSource corpus, int size, long minFrequency, ReadProgress progress) throws IOException {
    if (size < BYTE_IDS) throw new IllegalArgumentException("a character vocabulary holds the 256 byte ids: its size must be at least 256, not " + size);
    if (minFrequency < 1) throw new IllegalArgumentException("minimum frequency must be at least 1, not " + minFrequency);
    Int2LongOpenHashMap counts = new Int2LongOpenHashMap();
    corpus.read(document -> document.codePoints().forEach(cp -> counts.addTo(cp, 1)), progress);
    int[] kept = counts.int2LongEntrySet().stream()
        .filter(e -> e.getLongValue() >= minFrequency && !(e.getIntKey() >= Character.MIN_SURROGATE && e.getIntKey() <= Character.MAX_SURROGATE))
        .sorted((a, b) -> a.getLongValue() != b.getLongValue() ? Long.compare(b.getLongValue(), a.getLongValue()) : Integer.compare(a.getIntKey(), b.getIntKey()))
        .limit(size - BYTE_IDS)
        .mapToInt(e -> e.getIntKey())
        .toArray();
    return new CharVocabulary(kept);
  }

  /**
   * Reads a vocabulary back from the tokenizer {@link #asTokenizer()} made (loaded from its
   * tokenizer.json, say).
   *
   * @throws IllegalArgumentException if {@code tokenizer} is not such a character vocabulary
   */
  public static CharVocabulary fromTokenizer(Tokenizer tokenizer) {
    TokenizerDescription stages = tokenizer.description();
    TokenizerDescription.Stage model = stages.model();
    if (stages.normalizer() != null || stages.preTokenizer() != null || !tokenizer.addedTokens().isEmpty() || !model.type().equals("BPE")
        || !((List<?>) model.parameter("merges")).isEmpty() || !model.flag("byte_fallback")) {
      throw new IllegalArgumentException("not a word-pooled character vocabulary (a BPE model with byte_fallback, no merges, no normalizer, pre-tokenizer or added tokens)");
    }
    int size = tokenizer.vocabSize();
    if (size < BYTE_IDS || tokenizer.idBound() != size) throw new IllegalArgumentException("not a word-pooled character vocabulary: ids must be 0.." + (size - 1) + " without gaps, starting with the 256 byte ids");
    for (int b = 0; b < BYTE_IDS; b++) {
      if (!tokenizer.idToToken(b).orElse("").equals(byteToken(b))) throw new IllegalArgumentException("not a word-pooled character vocabulary: id " + b + " must be " + byteToken(b));
    }
    int[] characters = new int[size - BYTE_IDS];
    for (int id = BYTE_IDS; id < size; id++) {
      String token = tokenizer.idToToken(id).orElseThrow();
      if (token.codePointCount(0, token.length()) != 1) throw new IllegalArgumentException("not a word-pooled character vocabulary: token " + id + " is not one character");
      characters[id - BYTE_IDS] = token.codePointAt(0);
    }
    return new CharVocabulary(characters);
  }

  /** The vocabulary as a tokenizer (saved as tokenizer.json by {@code Tokenizers.save}). */
  public Tokenizer asTokenizer() {
    Object2IntOpenHashMap<String> vocab = new Object2IntOpenHashMap<>();
    for (int b = 0; b < BYTE_IDS; b++) vocab.put(byteToken(b), b);
    int[] characters = units.characters();
    for (int i = 0; i < characters.length; i++) vocab.put(Character.toString(characters[i]), BYTE_IDS + i);
    BpeModel model = new BpeModel(vocab, List.of(), new BpeOptions(null, null, null, false, true, false));
    return new Pipeline(null, null, model, null, new DecoderSequence(List.of(ByteFallbackDecoder.INSTANCE, FuseDecoder.INSTANCE)), List.of());
  }

  /** Number of ids: the 256 byte ids and the characters. */
  public int size() {
    return units.size();
  }

  /** The characters as code points, in id order (id 256 first). */
  public int[] characters() {
    return units.characters();
  }

  /** The id of a character, or -1 when it is not in the vocabulary. */
  public int idOf(int codePoint) {
    return units.idOf(codePoint);
  }

  /** The character of an id of 256 or more. */
  public int characterOf(int id) {
    return units.characterOf(id);
  }

  /** The units of a word-pooled tokenizer over this vocabulary. */
  CharVocabularyUnits units() {
    return units;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CharVocabulary v && Arrays.equals(units.characters(), v.units.characters());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(units.characters());
  }

  private static String byteToken(int b) {
    return ByteTokens.name(b);
  }
}
