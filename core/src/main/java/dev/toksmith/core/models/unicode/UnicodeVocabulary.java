package dev.toksmith.core.models.unicode;

import dev.toksmith.core.AddedToken;
import dev.toksmith.core.Pipeline;
import dev.toksmith.core.decoders.ByteFallbackDecoder;
import dev.toksmith.core.decoders.DecoderSequence;
import dev.toksmith.core.decoders.FuseDecoder;
import dev.toksmith.core.models.bpe.BpeModel;
import dev.toksmith.core.models.bpe.BpeOptions;
import dev.toksmith.core.text.ByteTokens;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The Unicode-glyph vocabulary of 65,536 ids (Bochkov's bvv241 layout, made lossless) and the
 * tokenizer over it: plain BPE over the whole text, no normalizer and no pre-tokenizer.
 *
 * <ul>
 *   <li>Every BMP character outside the surrogates, the private-use block U+E000..U+F8FF and U+FFFF
 *       is one token whose id is its code point.
 *   <li>0xE000..0xE0FF hold the special slots: {@code <pad>}, {@code <s>}, {@code </s>}, {@code
 *       <unk>} at 0xE000..0xE003, the rest unused.
 *   <li>0xF800..0xF8FF hold the 256 byte-fallback tokens {@code <0x00>}..{@code <0xFF>}: characters
 *       without an id of their own (U+10000 and above, private use, U+FFFF) become their UTF-8 bytes.
 *   <li>Multi-character n-grams fill 0xD800..0xDFFF, then 0xE100..0xF7FF, then 0xFFFF, longest first;
 *       each n-gram is reached by merges of every split whose two halves are tokens.
 * </ul>
 *
 * <p>Ids with nothing in them hold a placeholder {@code <unused_XXXX>} (the id in hex) so that the
 * ids stay dense, as an embedding matrix needs; no text encodes to one. An unpaired surrogate in the
 * input has no UTF-8 bytes to fall back to and is an error.
 */
public final class UnicodeVocabulary {
  /** Number of ids. */
  public static final int SIZE = 0x10000;
  /** The special tokens, in id order from {@link #FIRST_SPECIAL}. */
  public static final List<String> SPECIALS = List.of("<pad>", "<s>", "</s>", "<unk>");
  /** Id of {@code <pad>}; {@code <s>}, {@code </s>}, {@code <unk>} follow. */
  public static final int FIRST_SPECIAL = 0xE000;
  /** Id of {@code <0x00>}; byte b has id {@code FIRST_BYTE + b}. */
  public static final int FIRST_BYTE = 0xF800;
  /** The id ranges n-grams fill, in order, as {start, end exclusive}. */
  private static final int[][] NGRAM_RANGES = {{0xD800, 0xE000}, {0xE100, FIRST_BYTE}, {0xFFFF, 0x10000}};
  /** How many n-grams fit. */
  public static final int NGRAM_CAPACITY = capacity();

  private static final String UNK = "<unk>";

  private UnicodeVocabulary() {}

  private static int capacity() {
    int n = 0;
    for (int[] range : NGRAM_RANGES) n += range[1] - range[0];
    return n;
  }

  /** Whether the character {@code cp} is a token of its own, with id {@code cp}. */
  public static boolean hasOwnId(int cp) {
    return cp >= 0 && (cp < 0xD800 || (cp >= 0xF900 && cp <= 0xFFFE));
  }

  /** Whether {@code id} is one of the 256 byte-fallback tokens. */
  public static boolean isByteId(int id) {
    return id >= FIRST_BYTE && id < FIRST_BYTE + 256;
  }

  /** The id of the {@code index}-th n-gram (0-based, in the order they fill the ranges). */
  public static int ngramId(int index) {
    if (index < 0 || index >= NGRAM_CAPACITY) throw new IndexOutOfBoundsException("n-gram index " + index + " (capacity " + NGRAM_CAPACITY + ")");
    for (int[] range : NGRAM_RANGES) {
      if (index < range[1] - range[0]) return range[0] + index;
      index -= range[1] - range[0];
    }
    throw new AssertionError();
  }

  /** The placeholder of an id that holds nothing. */
  public static String unusedToken(int id) {
    return String.format(Locale.ROOT, "<unused_%04X>", id);
  }

  /** The built-in tokenizer: single characters, specials and byte fallback, no n-grams. */
  public static Pipeline tokenizer() {
    return BuiltIn.TOKENIZER;
  }

  /** Built on first use (65,536 tokens), then shared: pipelines are immutable. */
  private static final class BuiltIn {
    static final Pipeline TOKENIZER = tokenizer(List.of());
  }

  /**
   * The tokenizer with {@code ngrams} in the reserved ranges. They are placed longest first (a
   * stable sort, so n-grams of one length keep the given order).
   *
   * @throws IllegalArgumentException if there are more than {@link #NGRAM_CAPACITY} n-grams, or one
   *     is shorter than two characters, repeats another, or holds a character without an id of its own
   */
  public static Pipeline tokenizer(List<String> ngrams) {
    if (ngrams.size() > NGRAM_CAPACITY) throw new IllegalArgumentException(ngrams.size() + " n-grams do not fit in the " + NGRAM_CAPACITY + " reserved ids");
    List<String> ordered = new ArrayList<>(ngrams);
    ordered.sort(Comparator.comparingInt((String s) -> s.codePointCount(0, s.length())).reversed());
    Object2IntOpenHashMap<String> vocab = new Object2IntOpenHashMap<>(SIZE);
    String[] tokens = new String[SIZE];
    for (int cp = 0; cp < SIZE; cp++) if (hasOwnId(cp)) tokens[cp] = new String(Character.toChars(cp));
    for (int i = 0; i < SPECIALS.size(); i++) tokens[FIRST_SPECIAL + i] = SPECIALS.get(i);
    for (int b = 0; b < 256; b++) tokens[FIRST_BYTE + b] = ByteTokens.name(b);
    for (int i = 0; i < ordered.size(); i++) {
      String ngram = ordered.get(i);
      checkNgram(ngram);
      tokens[ngramId(i)] = ngram;
    }
    for (int id = 0; id < SIZE; id++) {
      if (tokens[id] == null) tokens[id] = unusedToken(id);
      vocab.put(tokens[id], id);
      if (vocab.size() != id + 1) {
        throw new IllegalArgumentException("n-gram '" + tokens[id] + "' is given twice or is already a token");
      }
    }
    vocab.defaultReturnValue(-1);
    List<BpeModel.Merge> merges = new ArrayList<>();
    for (int i = 0; i < ordered.size(); i++) {
      String ngram = ordered.get(i);
      for (int split = ngram.offsetByCodePoints(0, 1); split < ngram.length(); split = ngram.offsetByCodePoints(split, 1)) {
        int left = vocab.getInt(ngram.substring(0, split));
        int right = vocab.getInt(ngram.substring(split));
        if (left >= 0 && right >= 0) merges.add(new BpeModel.Merge(left, right, ngramId(i)));
      }
    }
    BpeModel model = new BpeModel(vocab, merges, new BpeOptions(UNK, null, null, false, true, false));
    List<AddedToken> specials = new ArrayList<>();
    for (String s : SPECIALS) specials.add(AddedToken.special(s));
    return new Pipeline(null, null, model, null, new DecoderSequence(List.of(ByteFallbackDecoder.INSTANCE, FuseDecoder.INSTANCE)), specials);
  }

  private static void checkNgram(String ngram) {
    if (ngram.codePointCount(0, ngram.length()) < 2) throw new IllegalArgumentException("n-gram '" + ngram + "' has fewer than two characters");
    ngram.codePoints().forEach(cp -> {
      if (!hasOwnId(cp)) {
        throw new IllegalArgumentException(String.format(Locale.ROOT, "n-gram '%s' holds U+%04X, which has no token of its own", ngram, cp));
      }
    });
  }
}
