package dev.toksmith.core;

import dev.toksmith.api.AddedTokenEntry;
import dev.toksmith.api.DecodeStream;
import dev.toksmith.api.Padding;
import dev.toksmith.api.TokenizerDescription;
import dev.toksmith.api.Truncation;
import dev.toksmith.core.compiled.CompiledDecoder;
import dev.toksmith.core.compiled.FastPath;
import dev.toksmith.core.compiled.FastPaths;
import dev.toksmith.core.compiled.PipelineStages;
import dev.toksmith.core.decoders.ByteLevelDecoder;
import dev.toksmith.core.decoders.Decoder;
import dev.toksmith.core.decoders.SentencePieceDecoder;
import dev.toksmith.core.models.ByteLevelAlphabet;
import dev.toksmith.core.models.Model;
import dev.toksmith.core.models.TokenSink;
import dev.toksmith.core.normalizers.Normalizer;
import dev.toksmith.core.pretokenizers.Boundary;
import dev.toksmith.core.pretokenizers.PreTokenizer;
import dev.toksmith.core.processors.EncodingParts;
import dev.toksmith.core.processors.PostProcessor;
import dev.toksmith.core.text.Excerpt;
import dev.toksmith.core.text.Utf8;
import dev.toksmith.core.text.RedecodingStream;
import dev.toksmith.core.text.Utf8DecodeStream;
import dev.toksmith.core.unicode.NormalizedString;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * A tokenizer assembled from Hugging Face's stages: added vocabulary, normalizer, pre-tokenizer,
 * model, post-processor and decoder. Immutable and thread-safe.
 */
public final class Pipeline extends PostProcessedTokenizer<Pipeline> implements Windowed, StagedTokenizer {
  private final Normalizer normalizer;
  private final PreTokenizer preTokenizer;
  private final Model model;
  private final PostProcessor postProcessor;
  private final Decoder decoder;
  private final AddedVocabulary added;
  private final List<AddedToken> addedTokens;
  /** Special tokens whose text is not matched in the input (not allowed). */
  private final Set<String> unmatched;
  private final boolean byteLevel;
  private final int idBound;
  /** For a byte-level decoder, the bytes of every id; null for other decoders. */
  private final IdBytes idBytes;
  /** The machinery its components compile to, or null: the general path does everything. */
  private final FastPath fast;
  /** The decoder compiled for decoding ids ({@link CompiledDecoder}), or null. */
  private final CompiledDecoder compiledDecoder;

  /**
   * Assembles a pipeline. Any stage but the model may be null (Hugging Face's "none").
   *
   * @param addedTokens tokens added on top of the model, in the order Hugging Face adds them
   */
  public Pipeline(Normalizer normalizer, PreTokenizer preTokenizer, Model model, PostProcessor postProcessor, Decoder decoder, List<AddedToken> addedTokens) {
    this(normalizer, preTokenizer, model, postProcessor, decoder, addedTokens, Set.of(), null, null);
  }

  /** A pipeline whose special tokens in {@code unmatched} are ordinary text ({@link #withAllowedSpecial}). */
  private Pipeline(Normalizer normalizer, PreTokenizer preTokenizer, Model model, PostProcessor postProcessor, Decoder decoder, List<AddedToken> addedTokens,
      Set<String> unmatched, Truncation truncation, Padding padding) {
    super(truncation, padding);
    this.normalizer = normalizer;
    this.preTokenizer = preTokenizer;
    this.model = model;
    this.postProcessor = postProcessor;
    this.decoder = decoder;
    this.addedTokens = List.copyOf(addedTokens);
    this.unmatched = Set.copyOf(unmatched);
    this.added = new AddedVocabulary(this.addedTokens, model, normalizer, this.unmatched);
    this.byteLevel = preTokenizer != null && preTokenizer.byteLevel();
    int bound = model.idBound();
    for (int id : added.idsAscending()) bound = Math.max(bound, id + 1);
    this.idBound = bound;
    this.idBytes = decoder instanceof ByteLevelDecoder ? new IdBytes() : null;
    fast = FastPaths.compile(new PipelineStages(normalizer, preTokenizer, model, added));
    compiledDecoder = decoder == null || idBytes != null ? null : CompiledDecoder.compile(decoder, new CompiledDecoder.Tokens() {
      @Override
      public String token(int id) {
        return knownToken(id);
      }

      @Override
      public boolean special(int id) {
        return added.isSpecialContent(token(id));
      }
    }, idBound);
  }

  private Pipeline(Pipeline p, Truncation truncation, Padding padding) {
    this(p, truncation, padding, p.fast, p.compiledDecoder);
  }

  private Pipeline(Pipeline p, Truncation truncation, Padding padding, FastPath fast, CompiledDecoder compiledDecoder) {
    super(truncation, padding);
    this.normalizer = p.normalizer;
    this.preTokenizer = p.preTokenizer;
    this.model = p.model;
    this.postProcessor = p.postProcessor;
    this.decoder = p.decoder;
    this.addedTokens = p.addedTokens;
    this.unmatched = p.unmatched;
    this.added = p.added;
    this.byteLevel = p.byteLevel;
    this.idBound = p.idBound;
    this.idBytes = p.idBytes;
    this.fast = fast;
    this.compiledDecoder = compiledDecoder;
  }

  /**
   * This tokenizer without its fast path and compiled decoder: every segment takes the general
   * stage-by-stage path, and decoding the decoder chain. The ids and text are the same either way;
   * differential tests and benchmarks compare the two.
   */
  public Pipeline withGeneralPathOnly() {
    return new Pipeline(this, truncation(), padding(), null, null);
  }

  /** Whether its components compiled to a fast path ({@link FastPaths}). */
  public boolean hasFastPath() {
    return fast != null;
  }

  /** The fast path its components compiled to, or null. */
  public FastPath fastPath() {
    return fast;
  }

  /** This pipeline itself. */
  @Override
  public Pipeline stages() {
    return this;
  }

  @Override
  protected Pipeline with(Truncation truncation, Padding padding) {
    return new Pipeline(this, truncation, padding);
  }

  @Override
  public Normalizer normalizer() {
    return normalizer;
  }

  @Override
  public PreTokenizer preTokenizer() {
    return preTokenizer;
  }

  @Override
  public Model model() {
    return model;
  }

  @Override
  public PostProcessor postProcessor() {
    return postProcessor;
  }

  @Override
  public Decoder decoder() {
    return decoder;
  }

  @Override
  public List<AddedToken> addedTokenOptions() {
    return addedTokens;
  }

  @Override
  public AddedVocabulary addedVocabulary() {
    return added;
  }

  // ---------------------------------------------------------------- encoding

  /** Collects tokens; offsets, tokens and word indices only when an {@link dev.toksmith.api.Encoding} is wanted. */
  private final class Collector {
    final IntArrayList ids = new IntArrayList();
    final EncodingParts parts;
    final int typeId;
    /** Index of the current pre-tokenized piece (Hugging Face's word id). */
    int word = -1;

    Collector(boolean full, int typeId) {
      this.parts = full ? new EncodingParts() : null;
      this.typeId = typeId;
    }

    void addedToken(int id, String text, int start, int end) {
      ids.add(id);
      word++;
      if (parts != null) parts.add(id, text, typeId, word, start, end);
    }

    void modelToken(int id, int start, int end) {
      modelToken(id, model.idToToken(id), start, end);
    }

    void modelToken(int id, String token, int start, int end) {
      ids.add(id);
      if (parts != null) parts.add(id, token, typeId, word, start, end);
    }
  }

  @Override
  protected EncodingParts sequence(String text, int typeId) {
    Collector c = new Collector(true, typeId);
    encodeInto(text, false, c);
    return c.parts;
  }

  @Override
  protected EncodingParts byteSequence(byte[] bytes, int from, int to) {
    requireEncodable(bytes, from, to);
    Collector c = new Collector(true, 0);
    encodeInto(Utf8.decodeEscaped(bytes, from, to), true, c);
    return c.parts;
  }

  @Override
  protected int plainIds(String text, IntConsumer ids) {
    return encodeIds(text, false, ids);
  }

  @Override
  protected int plainBytes(byte[] bytes, int from, int to, IntConsumer ids) {
    requireEncodable(bytes, from, to);
    if (fast != null && !added.mayHaveRawTokens(bytes, from, to)) {
      int n = fast.encodeBytes(bytes, from, to, ids);
      if (n >= 0) return n;
    }
    return encodeIds(Utf8.decodeEscaped(bytes, from, to), true, ids);
  }

  private void requireEncodable(byte[] bytes, int from, int to) {
    if (!byteLevel && !Utf8.isValid(bytes, from, to)) {
      throw new IllegalArgumentException("input is not valid UTF-8 and this tokenizer is not byte-level");
    }
  }

  /**
   * Hands the ids of {@code text} (no truncation, no padding) to {@code ids}; returns their number.
   * Raw segments go to the fast path when there is one, and to the general path when it declines.
   */
  private int encodeIds(String text, boolean escapedBytes, IntConsumer ids) {
    if (added.isEmpty()) return segmentIds(text, 0, text.length(), escapedBytes, ids);
    int[] count = {0};
    added.splitRaw(text, (start, end, id) -> {
      if (id >= 0) {
        ids.accept(id);
        count[0]++;
      } else {
        count[0] += segmentIds(text, start, end, escapedBytes, ids);
      }
    });
    return count[0];
  }

  private int segmentIds(String text, int start, int end, boolean escapedBytes, IntConsumer ids) {
    if (fast != null) {
      int n = fast.encode(text, start, end, escapedBytes, ids);
      if (n >= 0) return n;
    }
    Collector c = new Collector(false, 0);
    encodeSegment(text, start, end, escapedBytes, c);
    c.ids.forEach(ids);
    return c.ids.size();
  }

  private void encodeInto(String text, boolean escapedBytes, Collector out) {
    if (added.isEmpty()) {
      encodeSegment(text, 0, text.length(), escapedBytes, out);
      return;
    }
    added.splitRaw(text, (start, end, id) -> {
      if (id >= 0) out.addedToken(id, text.substring(start, end), start, end);
      else encodeSegment(text, start, end, escapedBytes, out);
    });
  }

  /** Normalizes a raw segment, cuts out normalized added tokens, and tokenizes the rest. */
  private void encodeSegment(String text, int start, int end, boolean escapedBytes, Collector out) {
    if (start == end) return;
    NormalizedString segment = new NormalizedString(start == 0 && end == text.length() ? text : text.substring(start, end), start);
    if (normalizer != null) normalizer.normalize(segment);
    if (!added.hasNormalizedTokens()) {
      tokenizeNormalized(segment, escapedBytes, out);
      return;
    }
    String normalized = segment.get();
    added.splitNormalized(normalized, (s, e, id) -> {
      if (id >= 0) {
        out.addedToken(id, normalized.substring(s, e), segment.originalStartOf(s, e), segment.originalEndOf(s, e));
      } else if (s < e) {
        tokenizeNormalized(s == 0 && e == normalized.length() ? segment : segment.slice(s, e), escapedBytes, out);
      }
    });
  }

  private void tokenizeNormalized(NormalizedString segment, boolean escapedBytes, Collector out) {
    if (preTokenizer == null) {
      if (segment.length() > 0) tokenizePiece(segment, 0, segment.length(), escapedBytes, out);
      return;
    }
    preTokenizer.preTokenize(segment, (text, s, e) -> tokenizePiece(text, s, e, escapedBytes, out));
  }

  private void tokenizePiece(NormalizedString text, int start, int end, boolean escapedBytes, Collector out) {
    out.word++;
    String s = text.get();
    if (!byteLevel) {
      model.tokenize(s.substring(start, end), new TokenSink() {
        @Override
        public void token(int id, int ts, int te) {
          out.modelToken(id, text.originalStartOf(start + ts, start + te), text.originalEndOf(start + ts, start + te));
        }

        @Override
        public void unknownToken(int id, int ts, int te) {
          // Hugging Face's Unigram reports an unknown token as the normalized text it covers.
          out.modelToken(id, s.substring(start + ts, start + te), text.originalStartOf(start + ts, start + te), text.originalEndOf(start + ts, start + te));
        }
      });
      return;
    }
    byte[] bytes = new byte[Utf8.maxBytes(end - start)];
    int[] charOfByte = out.parts != null ? new int[bytes.length] : null;
    int n = Utf8.encode(s, start, end, escapedBytes, bytes, 0, charOfByte);
    if (charOfByte == null) {
      model.tokenizeBytes(bytes, 0, n, (id, bs, be) -> out.ids.add(id));
    } else {
      model.tokenizeBytes(bytes, 0, n, (id, bs, be) -> out.modelToken(id, text.originalStart(charOfByte[bs]), text.originalEnd(charOfByte[be - 1])));
    }
  }

  // ---------------------------------------------------------------- windows (long texts)

  /** Characters looked at on either side of a cut, beyond the longest added token. */
  private static final int CUT_REACH = 16;
  /** Candidates tried per call before {@link #lastCut} gives up (so a tokenizer that cannot cut costs little). */
  private static final int CUT_CANDIDATES = 64;

  /**
   * Cuts at a space between two ASCII letters or digits where no added token is near, the normalizer
   * cuts cleanly, and the pre-tokenizer always ends a piece there (or, where it leaves one piece across
   * the cut, the model never joins the two characters).
   */
  @Override
  public int lastCut(CharSequence text, int from, int to) {
    int reach = CUT_REACH + added.maxLength();
    int tried = 0;
    for (int at = to - reach - 1; at > from && tried < CUT_CANDIDATES; at--) {
      if (!Boundary.isWordGap(text, at)) continue;
      tried++;
      if (cutsAt(text.subSequence(Math.max(0, at - reach), at + reach + 1).toString(), Math.min(at, reach))) return at;
    }
    return -1;
  }

  /** Whether the text around a word gap at {@code at} of {@code around} may be cut there. */
  private boolean cutsAt(String around, int at) {
    if (added.occursRaw(around)) return false;
    NormalizedString normalized = new NormalizedString(around, 0);
    if (normalizer != null) {
      if (!normalizer.cutsCleanlyAt(around, at)) return false;
      normalizer.normalize(normalized);
    }
    int cut = normalized.cutIndexOf(at);
    if (cut <= 0 || cut >= normalized.length()) return false;
    String text = normalized.get();
    if (added.occursNormalized(text)) return false;
    Boundary boundary = preTokenizer == null ? Boundary.LOCAL : preTokenizer.boundaryAt(text, cut);
    if (boundary != Boundary.LOCAL) return boundary == Boundary.ALWAYS;
    // One piece across the cut: the model must never join the characters on either side.
    int left = text.codePointBefore(cut);
    int right = text.codePointAt(cut);
    if (byteLevel) {
      byte[] before = Utf8.encode(new String(Character.toChars(left)));
      left = ByteLevelAlphabet.charOf(before[before.length - 1] & 0xFF);
      right = ByteLevelAlphabet.charOf(Utf8.encode(new String(Character.toChars(right)))[0] & 0xFF);
    }
    return model.neverJoins(left, right);
  }

  /**
   * Encodes {@code text[context, to)} and drops the tokens of {@code text[context, from)} encoded
   * alone, which are its first ones since {@code from} is a cut: whatever a stage does at a text's
   * start (a prefix space, Prepend, Strip) happens in the context.
   */
  @Override
  public void encodeWindow(String text, int context, int from, int to, IntArrayList ids) {
    if (!byteLevel) {
      // An invalid byte reads as an unpaired low surrogate (U+DC80..U+DCFF); paired ones are characters.
      for (int i = from; i < to; i++) {
        char c = text.charAt(i);
        if (c >= 0xDC80 && c <= 0xDCFF && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)))) {
          throw new IllegalArgumentException("input is not valid UTF-8 and this tokenizer is not byte-level");
        }
      }
    }
    Collector window = new Collector(false, 0);
    encodeInto(text.substring(context, to), true, window);
    int skip = 0;
    if (context < from) {
      Collector before = new Collector(false, 0);
      encodeInto(text.substring(context, from), true, before);
      skip = before.ids.size();
    }
    ids.addElements(ids.size(), window.ids.elements(), skip, window.ids.size() - skip);
  }

  // ---------------------------------------------------------------- decoding

  /**
   * The bytes of every id under a byte-level decoder (null where no token has that id), made on first
   * use, so that a pipeline loaded only to encode never spends on them; shared by the pipeline's
   * copies with other truncation and padding.
   */
  private final class IdBytes {
    private volatile byte[][] byId;

    byte[][] get() {
      byte[][] all = byId;
      if (all == null) {
        all = new byte[idBound][];
        for (int id = 0; id < idBound; id++) {
          String token = tokenOf(id);
          if (token != null) all[id] = ByteLevelDecoder.INSTANCE.bytesOf(token);
        }
        byId = all;
      }
      return all;
    }
  }

  private String tokenOf(int id) {
    AddedToken t = added.tokenOf(id);
    return t != null ? t.content() : model.idToToken(id);
  }

  private List<String> tokensOf(int[] ids, boolean skipSpecialTokens) {
    List<String> tokens = new ArrayList<>(ids.length);
    for (int id : ids) {
      String token = decodedToken(id, skipSpecialTokens);
      if (token != null) tokens.add(token);
    }
    return tokens;
  }

  /** The token the decoder gets for {@code id}, or null when it is a special token skipped. */
  private String decodedToken(int id, boolean skipSpecialTokens) {
    String token = knownToken(id);
    return skipSpecialTokens && added.isSpecialContent(token) ? null : token;
  }

  /** The token of {@code id}; throws for an id outside the vocabulary. */
  private String knownToken(int id) {
    String token = id >= 0 && id < idBound ? tokenOf(id) : null;
    if (token == null) throw unknownId(id);
    return token;
  }

  @Override
  public String decode(int[] ids, boolean skipSpecialTokens) {
    if (idBytes != null) return Utf8.decode(decodeBytes(ids, skipSpecialTokens));
    if (compiledDecoder != null) return compiledDecoder.decode(ids, skipSpecialTokens);
    List<String> tokens = tokensOf(ids, skipSpecialTokens);
    if (decoder == null) return String.join(" ", tokens);
    return String.join("", decoder.decodeChain(tokens));
  }

  @Override
  public byte[] decodeBytes(int[] ids, boolean skipSpecialTokens) {
    if (idBytes == null) return decode(ids, skipSpecialTokens).getBytes(StandardCharsets.UTF_8);
    return writtenBytes(ids, skipSpecialTokens);
  }

  @Override
  public void decodeBytes(int[] ids, int from, int to, boolean skipSpecialTokens, OutputStream out) throws IOException {
    if (idBytes == null) {
      out.write(decodeBytes(Arrays.copyOfRange(ids, from, to), skipSpecialTokens));
      return;
    }
    byte[][] byId = idBytes.get();
    for (int k = from; k < to; k++) {
      int id = ids[k];
      byte[] bytes = id >= 0 && id < idBound ? byId[id] : null;
      if (bytes == null) throw unknownId(id);
      if (skipSpecialTokens && isSpecialToken(id)) continue;
      out.write(bytes);
    }
  }

  private byte[] bytesOfId(int id) {
    byte[] bytes = id >= 0 && id < idBound ? idBytes.get()[id] : null;
    if (bytes == null) throw unknownId(id);
    return bytes;
  }

  /** What {@link #decodeBytes} writes for one id, without an array and a buffer per id. */
  private byte[] streamedBytes(int id, boolean skipSpecialTokens) {
    byte[] bytes = bytesOfId(id);
    return skipSpecialTokens && isSpecialToken(id) ? NO_BYTES : bytes;
  }

  private IllegalArgumentException unknownId(int id) {
    return new IllegalArgumentException("id " + id + " is not in the vocabulary (valid ids are 0.." + (idBound - 1) + ")");
  }

  /**
   * Streams byte-level decoders by bytes ({@link Utf8DecodeStream}), the compiled decoder chains
   * ({@link CompiledDecoder#stream}) and SentencePiece's decoder by pieces, each step costing its own
   * id; the others by decoding the last few ids at each step ({@link RedecodingStream}).
   */
  @Override
  public DecodeStream decodeStream(boolean skipSpecialTokens) {
    if (idBytes != null) return new Utf8DecodeStream(id -> streamedBytes(id, skipSpecialTokens));
    if (decoder instanceof SentencePieceDecoder sentencePiece) return sentencePiece.stream(id -> decodedToken(id, skipSpecialTokens));
    DecodeStream compiled = compiledDecoder == null ? null : compiledDecoder.stream(skipSpecialTokens);
    if (compiled != null) return compiled;
    return new RedecodingStream(ids -> decode(ids, skipSpecialTokens), id -> decodedToken(id, skipSpecialTokens) != null, decoder == null || CompiledDecoder.local(decoder));
  }

  @Override
  public List<String> tokenTexts(int[] ids) {
    List<String> texts = new ArrayList<>(ids.length);
    if (idBytes == null) {
      List<String> tokens = tokensOf(ids, false);
      if (decoder == null) {
        for (int i = 0; i < tokens.size(); i++) texts.add(i == 0 ? tokens.get(i) : " " + tokens.get(i));
        return texts;
      }
      // What each id completes, as Hugging Face's stream emits it (not this tokenizer's own stream, which
      // holds text until no later id can change it: a byte-fallback run would go to the token after it,
      // and a BPEDecoder token's text to the next token), but only as far as it agrees with the decoding
      // of all the ids: a later byte token can turn a character the stream emitted into U+FFFD, after
      // which that stream refuses to go on. The last token takes the rest.
      String all = decode(ids, false);
      DecodeStream stream = StagedTokenizer.super.decodeStream(false);
      StringBuilder emitted = new StringBuilder();
      int given = 0;
      for (int id : ids) {
        if (stream != null) {
          try {
            emitted.append(stream.step(id));
          } catch (IllegalStateException rewritten) {
            stream = null;
          }
        }
        int agreed = given;
        while (agreed < emitted.length() && agreed < all.length() && emitted.charAt(agreed) == all.charAt(agreed)) agreed++;
        if (agreed > given && agreed < all.length() && Character.isHighSurrogate(all.charAt(agreed - 1))) agreed--;
        texts.add(all.substring(given, agreed));
        given = agreed;
      }
      if (!texts.isEmpty()) texts.set(texts.size() - 1, texts.get(texts.size() - 1) + all.substring(given));
      return texts;
    }
    return Utf8.splitBetweenTokens(ids.length, i -> bytesOfId(ids[i]));
  }

  // ---------------------------------------------------------------- vocabulary

  @Override
  public int vocabSize() {
    int extra = 0;
    for (int id : added.idsAscending()) if (model.idToToken(id) == null) extra++;
    return model.vocabSize() + extra;
  }

  @Override
  public int idBound() {
    return idBound;
  }

  @Override
  public OptionalInt tokenToId(String token) {
    int id = added.idOf(token);
    if (id < 0) id = model.tokenToId(token);
    return id < 0 ? OptionalInt.empty() : OptionalInt.of(id);
  }

  @Override
  public Optional<String> idToToken(int id) {
    return Optional.ofNullable(id >= 0 ? tokenOf(id) : null);
  }

  @Override
  public boolean isSpecialToken(int id) {
    AddedToken t = added.tokenOf(id);
    return t != null && added.isSpecialContent(t.content());
  }

  @Override
  public List<AddedTokenEntry> addedTokens() {
    List<AddedTokenEntry> entries = new ArrayList<>(added.size());
    for (int id : added.idsAscending()) {
      String content = added.tokenOf(id).content();
      entries.add(new AddedTokenEntry(id, content, added.isSpecialContent(content)));
    }
    return entries;
  }

  /** The special added tokens but those {@link #withAllowedSpecial} turned to text. */
  @Override
  public Set<String> allowedSpecial() {
    Set<String> allowed = specialTokens();
    allowed.removeAll(unmatched);
    return allowed;
  }

  /**
   * This pipeline matching only {@code specials} among its special added tokens; the others are
   * cut by the pre-tokenizer and encoded by the model like any text, as with Hugging Face's {@code
   * split_special_tokens}. Non-special added tokens are always matched.
   */
  @Override
  public Pipeline withAllowedSpecial(Set<String> specials) {
    Set<String> all = specialTokens();
    for (String special : specials) {
      if (!all.contains(special)) throw new IllegalArgumentException(Excerpt.quote(special) + " is not a special token of this tokenizer");
    }
    all.removeAll(specials);
    if (all.equals(unmatched)) return this;
    return new Pipeline(normalizer, preTokenizer, model, postProcessor, decoder, addedTokens, all, truncation(), padding());
  }

  @Override
  public byte[] tokenBytes(int id) {
    return idBytes != null ? bytesOfId(id).clone() : decodeBytes(new int[] {id}, false);
  }

  /** Each stage as it describes itself; large tables (BPE merges, SentencePiece pieces) are views, made only when read. */
  @Override
  public TokenizerDescription description() {
    return new TokenizerDescription(preTokenizer != null && preTokenizer.byteLevel(), normalizer == null ? null : normalizer.describe(),
        preTokenizer == null ? null : preTokenizer.describe(), model.describe(), postProcessor == null ? null : postProcessor.describe(),
        decoder == null ? null : decoder.describe(), fast == null ? null : fast.description());
  }
}
