package dev.toksmith.core.models.tiktoken;

import dev.toksmith.api.AddedTokenEntry;
import dev.toksmith.api.DecodeStream;
import dev.toksmith.api.Padding;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.api.TokenizerDescription;
import dev.toksmith.api.Truncation;
import dev.toksmith.core.Pipeline;
import dev.toksmith.core.PostProcessedTokenizer;
import dev.toksmith.core.Windowed;
import dev.toksmith.core.decoders.ByteLevelDecoder;
import dev.toksmith.core.models.ByteLevelAlphabet;
import dev.toksmith.core.models.TiktokenModel;
import dev.toksmith.core.pretokenizers.ByteLevel;
import dev.toksmith.core.pretokenizers.Split;
import dev.toksmith.core.pretokenizers.SplitBehavior;
import dev.toksmith.core.pretokenizers.SplitPattern;
import dev.toksmith.core.pretokenizers.SplitPatterns;
import dev.toksmith.core.processors.EncodingParts;
import dev.toksmith.core.processors.PostProcessor;
import dev.toksmith.core.text.Excerpt;
import dev.toksmith.core.text.Utf8;
import dev.toksmith.core.text.Utf8DecodeStream;
import dev.toksmith.core.unicode.TokenTrie;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * A tiktoken encoding (r50k_base, cl100k_base, o200k_base, a {@code .tiktoken} file with its pattern,
 * ...) as a {@link Tokenizer}: the split pattern cuts the text into pieces, and {@link TiktokenModel}
 * encodes each piece's UTF-8 bytes. Ids are tiktoken's ranks. Immutable and thread-safe.
 *
 * <p>As in tiktoken's {@code encode_ordinary}, the text of a special token (e.g. {@code
 * <|endoftext|>}) is ordinary text unless {@link #withAllowedSpecial allowed}; allowed ones are matched
 * leftmost-longest and split the text as tiktoken's special-token regex does. There is no
 * post-processor, so {@code addSpecialTokens} changes nothing.
 *
 * <p>Vocabulary forms are the byte-level spellings Hugging Face shows (a space is {@code Ġ}), so ids
 * and tokens line up with the tokenizer.json an encoding converts to; special tokens are their text.
 *
 * <p>Where toksmith differs from tiktoken, by design: an unpaired surrogate encodes as its WTF-8 bytes
 * (tiktoken's Python binding replaces it with U+FFFD first), so that {@code decode(encode(s))}
 * gives back every {@code String}; raw bytes that are not UTF-8 ({@link #encodeBytes}) split as one
 * character per invalid byte, outside every class of the pattern.
 */
public final class TiktokenTokenizer extends PostProcessedTokenizer<TiktokenTokenizer> implements Windowed, RankedTokenizer {
  private final String name;
  private final String patternText;
  private final SplitPattern pattern;
  private final TiktokenModel model;
  private final Map<String, Integer> specialTokens;
  private final Set<String> allowedSpecial;
  private final TokenTrie allowed;
  /** The text of each special id (the first token given with that id), by id - {@link #specialBase}. */
  private final String[] specialTexts;
  /** The UTF-8 of each of {@link #specialTexts}. */
  private final byte[][] specialBytes;
  private final int specialBase;
  private final int idBound;
  private final int vocabSize;

  /**
   * Builds an encoding that treats every special token as text.
   *
   * @param name the encoding's name, for messages
   * @param patternText the split regex ({@code pat_str}); known ones run on exact scanners ({@link
   *     SplitPatterns#tiktokenRegex})
   * @param specialTokens special token text to id, in order (an id may have several texts; the first
   *     one is what it decodes to)
   * @throws IllegalArgumentException if a special token is empty or its id has a mergeable token
   * @throws java.util.regex.PatternSyntaxException if the pattern has no exact scanner and does not
   *     compile
   */
  public TiktokenTokenizer(String name, String patternText, TiktokenModel model, Map<String, Integer> specialTokens) {
    this(name, patternText, SplitPatterns.tiktokenRegex(patternText), model, new LinkedHashMap<>(specialTokens), Set.of(), null, null);
  }

  private TiktokenTokenizer(String name, String patternText, SplitPattern pattern, TiktokenModel model, Map<String, Integer> specialTokens, Set<String> allowedSpecial,
      Truncation truncation, Padding padding) {
    super(truncation, padding);
    this.name = name;
    this.patternText = patternText;
    this.pattern = pattern;
    this.model = model;
    this.specialTokens = Collections.unmodifiableMap(specialTokens);
    this.allowedSpecial = Collections.unmodifiableSet(allowedSpecial);
    int base = model.rankBound();
    int bound = model.rankBound();
    for (Map.Entry<String, Integer> special : specialTokens.entrySet()) {
      int id = special.getValue();
      if (special.getKey().isEmpty()) throw new IllegalArgumentException("empty special token (id " + id + ")");
      if (id < 0 || model.bytes(id) != null) throw new IllegalArgumentException("special token " + special.getKey() + " has id " + id + ", which is " + (id < 0 ? "negative" : "a mergeable token"));
      base = Math.min(base, id);
      bound = Math.max(bound, id + 1);
    }
    specialBase = base;
    idBound = bound;
    specialTexts = new String[Math.max(0, bound - base)];
    int distinctSpecialIds = 0;
    for (Map.Entry<String, Integer> special : specialTokens.entrySet()) {
      if (specialTexts[special.getValue() - base] == null) {
        specialTexts[special.getValue() - base] = special.getKey();
        distinctSpecialIds++;
      }
    }
    vocabSize = model.size() + distinctSpecialIds;
    specialBytes = new byte[specialTexts.length][];
    for (int i = 0; i < specialTexts.length; i++) if (specialTexts[i] != null) specialBytes[i] = specialTexts[i].getBytes(StandardCharsets.UTF_8);
    List<String> texts = new ArrayList<>(allowedSpecial);
    List<Integer> ids = new ArrayList<>();
    for (String text : texts) ids.add(specialTokens.get(text));
    allowed = new TokenTrie(texts, ids);
  }

  /**
   * This encoding with {@code specials} matched in the input (tiktoken's {@code allowed_special});
   * pass {@link #specialTokens()} for tiktoken's {@code "all"}.
   *
   * @throws IllegalArgumentException if one of them is not a special token of this encoding
   */
  @Override
  public TiktokenTokenizer withAllowedSpecial(Set<String> specials) {
    for (String special : specials) {
      if (!specialTokens.containsKey(special)) throw new IllegalArgumentException(Excerpt.quote(special) + " is not a special token of " + name);
    }
    return new TiktokenTokenizer(name, patternText, pattern, model, new LinkedHashMap<>(specialTokens), new LinkedHashSet<>(specials), truncation(), padding());
  }

  /**
   * The equivalent Hugging Face pipeline ({@link TiktokenConversion}), matching every special token
   * as a tokenizer.json does, with this encoding's truncation and padding.
   */
  @Override
  public Pipeline stages() {
    return TiktokenConversion.toPipeline(model, patternText, specialTokens).withStoredTruncation(truncation()).withPadding(padding());
  }

  @Override
  protected TiktokenTokenizer with(Truncation truncation, Padding padding) {
    return new TiktokenTokenizer(name, patternText, pattern, model, new LinkedHashMap<>(specialTokens), new LinkedHashSet<>(allowedSpecial), truncation, padding);
  }

  public String name() {
    return name;
  }

  /** The split regex as given ({@code pat_str}). */
  @Override
  public String patternText() {
    return patternText;
  }

  @Override
  public TiktokenModel model() {
    return model;
  }

  /** Special token text to id, in the order given. */
  public Map<String, Integer> specialTokenIds() {
    return specialTokens;
  }

  @Override
  public Set<String> allowedSpecial() {
    return allowedSpecial;
  }

  // ---------------------------------------------------------------- encoding

  /** Tiktoken has no post-processor: a pair is the two sequences one after the other. */
  @Override
  protected PostProcessor postProcessor() {
    return null;
  }

  /** One sequence's tokens; each pre-tokenized piece (and each special token) counts as a word. */
  @Override
  protected EncodingParts sequence(String text, int typeId) {
    EncodingParts parts = new EncodingParts();
    encodeInto(text, (id, word, start, end) -> {
      String special = specialText(id);
      parts.add(id, special != null ? special : model.spelling(id), typeId, word, start, end);
    });
    return parts;
  }

  /** Raw bytes carry no offsets; truncation and padding only need the ids. */
  @Override
  protected EncodingParts byteSequence(byte[] bytes, int from, int to) {
    EncodingParts parts = new EncodingParts();
    encodeRaw(bytes, from, to, id -> parts.add(id, idToToken(id).orElseThrow(), 0, -1, 0, 0));
    return parts;
  }

  @Override
  protected int plainIds(String text, IntConsumer ids) {
    return encodeText(text, false, ids);
  }

  @Override
  protected int plainBytes(byte[] bytes, int from, int to, IntConsumer ids) {
    return encodeRaw(bytes, from, to, ids);
  }

  /** Hands the ids of raw bytes to {@code ids}; returns their number. */
  private int encodeRaw(byte[] bytes, int from, int to, IntConsumer ids) {
    if (allowed.isEmpty()) return new PieceIds(ids).scan(bytes, from, to, true);
    // Allowed special tokens are matched in the text, as tiktoken matches them.
    return encodeText(Utf8.decodeEscaped(bytes, from, to), true, ids);
  }

  /**
   * Hands the ids of {@code text} to {@code ids}; returns their number. The fast path of {@link
   * #encodeInto}, without offsets or words. With {@code escapedBytes}, the text came from {@link
   * Utf8#decodeEscaped} and its escapes turn back into their bytes.
   */
  private int encodeText(String text, boolean escapedBytes, IntConsumer ids) {
    PieceIds pieces = new PieceIds(ids);
    int[] match = new int[2];
    int from = 0;
    int count = 0;
    while (allowed.findLeftmostLongest(text, from, match)) {
      count += pieces.encode(text, from, match[0], escapedBytes);
      ids.accept(allowed.id(match[1]));
      count++;
      from = match[0] + allowed.length(match[1]);
    }
    return count + pieces.encode(text, from, text.length(), escapedBytes);
  }

  /** Encodes the pieces the pattern cuts UTF-8 into, handing each piece's bytes to the model. */
  private final class PieceIds implements SplitPattern.MatchSink {
    private final IntConsumer ids;
    private byte[] buffer = new byte[64];
    private byte[] bytes;
    private int count;

    PieceIds(IntConsumer ids) {
      this.ids = ids;
    }

    /** Encodes {@code text[from, to)} through one reused buffer of its UTF-8; returns the number of ids. */
    int encode(String text, int from, int to, boolean escapedBytes) {
      if (from == to) return 0;
      int capacity = Utf8.maxBytes(to - from);
      if (buffer.length < capacity) buffer = new byte[Math.max(capacity, 2 * buffer.length)];
      int n = Utf8.encode(text, from, to, escapedBytes, buffer, 0, null);
      return scan(buffer, 0, n, escapedBytes);
    }

    /** Encodes the UTF-8 {@code utf8[from, to)} (raw bytes with {@code raw}); returns the number of ids. */
    int scan(byte[] utf8, int from, int to, boolean raw) {
      bytes = utf8;
      count = 0;
      pattern.findMatches(utf8, from, to, raw, this);
      return count;
    }

    @Override
    public void match(int start, int end) {
      count += model.encode(bytes, start, end, ids);
    }
  }

  // ---------------------------------------------------------------- windows (long texts)

  /**
   * Cuts where the split pattern always ends a match (a space between two ASCII letters or digits, for
   * the patterns that know) and no special token that is matched can reach the cut.
   */
  @Override
  public int lastCut(CharSequence text, int from, int to) {
    int longestSpecial = 0;
    for (String special : allowedSpecial) longestSpecial = Math.max(longestSpecial, special.length());
    for (int at = to - 2; at > from; at--) {
      if (!pattern.matchBoundaryAt(text, at)) continue;
      if (longestSpecial == 0 || !specialMayStartIn(text, at - longestSpecial + 1, at)) return at;
    }
    return -1;
  }

  /** Whether a matched special token may start in {@code text[from, to]}: one begins with a character there. */
  private boolean specialMayStartIn(CharSequence text, int from, int to) {
    for (int i = Math.max(0, from); i <= to; i++) {
      for (String special : allowedSpecial) if (special.charAt(0) == text.charAt(i)) return true;
    }
    return false;
  }

  /** Pieces do not depend on the text before them, so no context is needed. */
  @Override
  public void encodeWindow(String text, int context, int from, int to, IntArrayList ids) {
    encodeText(text.substring(from, to), true, ids::add);
  }

  /** Receives tokens with the index of the piece (word) they belong to and their UTF-16 range. */
  @FunctionalInterface
  private interface WordTokenSink {
    void token(int id, int word, int start, int end);
  }

  /** Reports each token of {@code text} with its word and UTF-16 range. */
  private void encodeInto(String text, WordTokenSink out) {
    int[] match = new int[2];
    int[] word = {-1};
    int from = 0;
    while (allowed.findLeftmostLongest(text, from, match)) {
      encodeOrdinary(text, from, match[0], word, out);
      int end = match[0] + allowed.length(match[1]);
      out.token(allowed.id(match[1]), ++word[0], match[0], end);
      from = end;
    }
    encodeOrdinary(text, from, text.length(), word, out);
  }

  /** Splits {@code text[from, to)} with the pattern and encodes each piece's bytes. */
  private void encodeOrdinary(String text, int from, int to, int[] word, WordTokenSink out) {
    if (from == to) return;
    byte[] bytes = new byte[Utf8.maxBytes(to - from)];
    int[] charOfByte = new int[bytes.length];
    int n = Utf8.encode(text, from, to, false, bytes, 0, charOfByte);
    pattern.findMatches(bytes, 0, n, false, (start, end) -> {
      int w = ++word[0];
      // A token holding part of a character spans the whole character, as Hugging Face's offsets do.
      model.encode(bytes, start, end, (id, bs, be) -> out.token(id, w, charOfByte[bs], charEnd(text, charOfByte[be - 1])));
    });
  }

  private static int charEnd(CharSequence s, int charStart) {
    boolean pair = Character.isHighSurrogate(s.charAt(charStart)) && charStart + 1 < s.length() && Character.isLowSurrogate(s.charAt(charStart + 1));
    return charStart + (pair ? 2 : 1);
  }

  // ---------------------------------------------------------------- decoding

  @Override
  public String decode(int[] ids, boolean skipSpecialTokens) {
    return Utf8.decode(decodeBytes(ids, skipSpecialTokens));
  }

  /** Streams the ids' bytes ({@link Utf8DecodeStream}). */
  @Override
  public DecodeStream decodeStream(boolean skipSpecialTokens) {
    return new Utf8DecodeStream(id -> streamedBytes(id, skipSpecialTokens));
  }

  @Override
  public byte[] decodeBytes(int[] ids, boolean skipSpecialTokens) {
    return writtenBytes(ids, skipSpecialTokens);
  }

  @Override
  public void decodeBytes(int[] ids, int from, int to, boolean skipSpecialTokens, OutputStream out) throws IOException {
    for (int k = from; k < to; k++) {
      int id = ids[k];
      String special = specialText(id);
      if (special != null) {
        if (!skipSpecialTokens) out.write(specialBytes[id - specialBase]);
      } else if (!model.writeBytes(id, out)) {
        throw unknownId(id);
      }
    }
  }

  private byte[] bytesOf(int id) {
    String special = specialText(id);
    byte[] bytes = special != null ? specialBytes[id - specialBase] : model.bytes(id);
    if (bytes == null) throw unknownId(id);
    return bytes;
  }

  /** What {@link #decodeBytes} writes for one id, without an array and a buffer per id. */
  private byte[] streamedBytes(int id, boolean skipSpecialTokens) {
    byte[] bytes = bytesOf(id);
    return skipSpecialTokens && specialText(id) != null ? NO_BYTES : bytes;
  }

  private IllegalArgumentException unknownId(int id) {
    return new IllegalArgumentException("id " + id + " is not in the vocabulary of " + name + " (valid ids are 0.." + (idBound - 1) + (vocabSize < idBound ? ", with gaps" : "") + ")");
  }

  private String specialText(int id) {
    int index = id - specialBase;
    return index >= 0 && index < specialTexts.length ? specialTexts[index] : null;
  }

  @Override
  public List<String> tokenTexts(int[] ids) {
    return Utf8.splitBetweenTokens(ids.length, i -> bytesOf(ids[i]));
  }

  // ---------------------------------------------------------------- vocabulary

  @Override
  public int vocabSize() {
    return vocabSize;
  }

  /** Largest id plus one: tiktoken's {@code n_vocab}. */
  public int idBound() {
    return idBound;
  }

  @Override
  public OptionalInt tokenToId(String token) {
    Integer special = specialTokens.get(token);
    if (special != null) return OptionalInt.of(special);
    byte[] bytes = ByteLevelAlphabet.unspell(token);
    int rank = bytes == null || bytes.length == 0 ? -1 : model.rank(bytes, 0, bytes.length);
    return rank < 0 ? OptionalInt.empty() : OptionalInt.of(rank);
  }

  @Override
  public Optional<String> idToToken(int id) {
    String special = specialText(id);
    if (special != null) return Optional.of(special);
    return Optional.ofNullable(model.spelling(id));
  }

  @Override
  public boolean isSpecialToken(int id) {
    return specialText(id) != null;
  }

  /** The special tokens as given; an id given with several texts appears once per text. */
  @Override
  public List<AddedTokenEntry> addedTokens() {
    List<AddedTokenEntry> entries = new ArrayList<>(specialTokens.size());
    specialTokens.forEach((text, id) -> entries.add(new AddedTokenEntry(id, text, true)));
    return entries;
  }

  @Override
  public byte[] tokenBytes(int id) {
    return bytesOf(id).clone();
  }

  /**
   * The Hugging Face stages that give the same ids (a Split on the pattern, ByteLevel without its
   * regex, a ByteLevel decoder) around a {@code Tiktoken} model: {@code name}, and {@code ranks}, the
   * number of mergeable ranks.
   */
  @Override
  public TokenizerDescription description() {
    Stage preTokenizer = new Stage("Sequence", Map.of(),
        List.of(Split.describe(patternText, true, SplitBehavior.ISOLATED, false), ByteLevel.describe(false, true, false)));
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("name", name);
    parameters.put("ranks", model.size());
    return new TokenizerDescription(true, null, preTokenizer, new Stage("Tiktoken", parameters, List.of()), null, ByteLevelDecoder.INSTANCE.describe(),
        "tiktoken: the split pattern on UTF-8 bytes, then byte-pair merges by rank");
  }
}
