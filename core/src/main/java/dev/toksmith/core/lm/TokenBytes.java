package dev.toksmith.core.lm;

import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.AddedToken;
import dev.toksmith.core.AddedVocabulary;
import dev.toksmith.core.Pipeline;
import dev.toksmith.core.StagedTokenizer;
import dev.toksmith.core.models.TiktokenModel;
import dev.toksmith.core.models.tiktoken.RankedTokenizer;
import dev.toksmith.core.pretokenizers.ByteLevel;
import dev.toksmith.core.pretokenizers.DeepSeekPieces;
import dev.toksmith.core.pretokenizers.Gpt2Pattern;
import dev.toksmith.core.pretokenizers.PatternSplit;
import dev.toksmith.core.pretokenizers.PreTokenizer;
import dev.toksmith.core.pretokenizers.PreTokenizerSequence;
import dev.toksmith.core.pretokenizers.SplitBehavior;
import dev.toksmith.core.pretokenizers.SplitPattern;
import dev.toksmith.core.pretokenizers.SplitPatterns;
import dev.toksmith.core.text.Utf8;
import dev.toksmith.core.models.bpe.BpeModel;
import dev.toksmith.core.models.bpe.BpeOptions;
import dev.toksmith.core.normalizers.Nfc;
import dev.toksmith.core.normalizers.Normalizer;
import dev.toksmith.core.normalizers.NormalizerSequence;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A tokenizer seen as byte strings: the bytes of every id, canonical encoding of any byte string
 * (including ones that end inside a UTF-8 character), and which continuations of a canonical id
 * sequence are canonical too. A sequence is canonical when {@code encode(decode(ids))} gives it back;
 * only canonical sequences occur in encoded text. Special tokens have no bytes here, and text is
 * encoded as plain text (tiktoken's {@code encode_ordinary}; a tokenizer.json without its special
 * tokens), so a text holding a special token's literal text is those characters.
 *
 * <p>Re-encoding only the tail keeps checks cheap: an <em>anchor</em> is a byte offset before which
 * no extension of the text can change the encoding. Tiktoken encodings anchor at the start of the
 * third-to-last piece of their split pattern (the patterns look at most one character ahead, so an
 * extension can change only the last pieces), and so do tokenizer.json files whose pieces are one
 * pattern's matches (GPT-2's ByteLevel split, or a Split regex before a ByteLevel that only maps
 * bytes, as Llama 3's; no normalizer, no added tokens but special ones, no prefix space); other tokenizers anchor
 * at the start of the text, which is exact but re-encodes the whole text for every check.
 *
 * <p>Requires decoding to be the concatenation of the tokens' bytes (byte-level BPE: tiktoken
 * encodings and byte-level tokenizer.json files). Thread-safe.
 */
public final class TokenBytes extends TokenTable implements CanonicalTest {
  /** Finds the anchor of {@code text[0, end)}. */
  @FunctionalInterface
  public interface Anchor {
    int of(byte[] text, int end);
  }

  private static final Anchor TEXT_START = (text, end) -> 0;
  private static final int PIECES_KEPT = 3;
  private static final int CACHED_CONTEXTS = 8;

  private final Anchor anchor;
  /** The local canonicality test, when the tokenizer is a pre-tokenized BPE it knows; else null. */
  private final CanonicalMasks masks;
  /** The local test through an NFC normalizer and added tokens, when the tokenizer wraps a BPE it knows so; else null. */
  private final SegmentMasks segments;
  /** {@link #firstByteSums} of the masks used last, by the mask's identity (masks are cached and shared). */
  private final Map<MaskKey, FirstByteSums> firstByteSums =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<MaskKey, FirstByteSums> eldest) {
          return size() > CACHED_MASK_SUMS;
        }
      };
  private static final int CACHED_MASK_SUMS = 4096;
  private final Map<IdsKey, BitSet> validNextCache =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<IdsKey, BitSet> eldest) {
          return size() > CACHED_CONTEXTS;
        }
      };

  /**
   * @param bytes the bytes of each id; null for ids that plain text never produces (special tokens,
   *     unused ids)
   * @param encoder the canonical encoding of a byte string
   * @param anchor where re-encoding may start
   */
  public TokenBytes(byte[][] bytes, Function<byte[], int[]> encoder, Anchor anchor) {
    this(bytes, encoder, anchor, null, null);
  }

  /**
   * A pre-tokenized BPE, whose canonical continuations are found by local tests ({@link
   * CanonicalMasks}) rather than by re-encoding.
   */
  private TokenBytes(byte[][] bytes, Function<byte[], int[]> encoder, Anchor anchor, SplitBpe splitBpe, Segments segments) {
    super(bytes, encoder);
    this.anchor = anchor;
    this.masks = splitBpe == null ? null : new CanonicalMasks(this, splitBpe.pattern, splitBpe.merges(this), splitBpe.wholePieceLookup);
    this.segments = segments == null ? null : new SegmentMasks(this, segments.inner, segments.nfc, segments.addedIds, segments.contents);
  }

  /**
   * What the local test needs of a pre-tokenized BPE: its split pattern, its merges (each pair's
   * rank and result, given the byte view) and whether a piece that is a token is looked up whole.
   */
  private record SplitBpe(SplitPattern pattern, Function<TokenTable, MergeTrees> merges, boolean wholePieceLookup) {
    MergeTrees merges(TokenTable tokens) {
      return merges.apply(tokens);
    }
  }

  /** The same view with nothing cached (what a benchmark of cold masks needs). */
  @Override
  public TokenBytes withEmptyCaches() {
    return new TokenBytes(this);
  }

  private TokenBytes(TokenBytes other) {
    super(other);
    this.anchor = other.anchor;
    this.masks = other.masks == null ? null : other.masks.withEmptyCaches();
    this.segments = other.segments == null ? null : other.segments.withEmptyCaches();
  }

  /**
   * The byte view of {@code tokenizer}; special tokens are left out.
   *
   * @throws IllegalArgumentException if its decoding is not the concatenation of token bytes
   */
  public static TokenBytes of(Tokenizer tokenizer) {
    int bound = tokenizer.idBound();
    byte[][] bytes = new byte[bound][];
    for (int id = 0; id < bound; id++) {
      Optional<String> token = tokenizer.idToToken(id);
      if (token.isEmpty() || tokenizer.isSpecialToken(id)) continue;
      byte[] one = tokenizer.decodeBytes(new int[] {id}, false);
      byte[] two = tokenizer.decodeBytes(new int[] {id, id}, false);
      if (two.length != 2 * one.length || !Arrays.equals(two, 0, one.length, one, 0, one.length)
          || !Arrays.equals(two, one.length, two.length, one, 0, one.length)) {
        throw new IllegalArgumentException(
            "byte-level probabilities need a tokenizer whose decoding concatenates token bytes; token "
                + token.get() + " (id " + id + ") decodes differently on its own and repeated");
      }
      bytes[id] = one;
    }
    Tokenizer plain = tokenizer;
    if (tokenizer instanceof StagedTokenizer full) {
      // Special tokens have no bytes here, so text is read as plain text (tiktoken's encode_ordinary):
      // a text holding "<|endoftext|>" or "<|im_end|>" is those characters. Added tokens that are not
      // special are text, and still matched (Qwen's "<think>"); the specials stay in the list only so
      // that every added token keeps its id. No post-processor: a text's ids are its own.
      Normalizer normalizer = full.normalizer() instanceof NormalizerSequence none && none.stages().isEmpty() ? null : full.normalizer();
      boolean onlySpecial = full.addedTokenOptions().stream().allMatch(AddedToken::special);
      plain = new Pipeline(normalizer, full.preTokenizer(), full.model(), null, full.decoder(), onlySpecial ? List.of() : full.addedTokenOptions())
          .withAllowedSpecial(Set.of());
    }
    if (plain instanceof RankedTokenizer tiktoken) {
      SplitPattern pattern = SplitPatterns.tiktokenRegex(tiktoken.patternText());
      TiktokenModel model = tiktoken.model();
      return new TokenBytes(bytes, plain::encodeBytes, patternAnchor(pattern), new SplitBpe(pattern, tokens -> concatenationMerges(tokens, model::rank), true), null);
    }
    if (plain instanceof StagedTokenizer pipeline && pipeline.normalizer() == null && pipeline.addedVocabulary().isEmpty()) {
      SplitPattern pattern = piecePattern(pipeline.preTokenizer());
      if (pattern != null) return new TokenBytes(bytes, plain::encodeBytes, patternAnchor(pattern), splitBpe(pipeline, pattern), null);
    }
    if (plain instanceof StagedTokenizer pipeline && segmentsAroundBpe(pipeline)) {
      // An NFC normalizer and added tokens around a BPE the local test knows (Qwen): its masks, filtered.
      Pipeline core = new Pipeline(null, pipeline.preTokenizer(), pipeline.model(), null, pipeline.decoder(), List.of());
      byte[][] coreBytes = bytes.clone();
      AddedVocabulary added = pipeline.addedVocabulary();
      IntArrayList matched = new IntArrayList();
      for (int id : added.idsAscending()) {
        coreBytes[id] = null;
        if (!added.tokenOf(id).special()) matched.add(id);
      }
      int[] addedIds = matched.toIntArray();
      byte[][] contents = new byte[addedIds.length][];
      for (int i = 0; i < addedIds.length; i++) contents[i] = added.tokenOf(addedIds[i]).content().getBytes(StandardCharsets.UTF_8);
      SplitPattern pattern = piecePattern(core.preTokenizer());
      TokenBytes inner = new TokenBytes(coreBytes, core::encodeBytes, patternAnchor(pattern), splitBpe(core, pattern), null);
      if (inner.decidesLocally()) return new TokenBytes(bytes, plain::encodeBytes, TEXT_START, null, new Segments(inner, pipeline.normalizer() != null, addedIds, contents));
    }
    return new TokenBytes(bytes, plain::encodeBytes, TEXT_START, null, null);
  }

  /**
   * The local test of a pipeline without normalizer and added tokens whose pieces are the matches of
   * {@code pattern}: GPT-2 style tokenizer.json (what toksmith train writes), or a Split regex before a
   * ByteLevel that only maps bytes (Llama 3). Null when its model is not a plain byte-level BPE.
   */
  private static SplitBpe splitBpe(StagedTokenizer pipeline, SplitPattern pattern) {
    if (pipeline.model() instanceof BpeModel bpe && plainByteLevel(bpe.options())) {
      return new SplitBpe(pattern, tokens -> listedMerges(tokens, bpe), bpe.options().ignoreMerges());
    }
    return null;
  }

  /**
   * Whether {@code pipeline} is a pre-tokenized BPE with at most an NFC normalizer and added tokens
   * that {@link SegmentMasks} can see through: each that is matched (not special: the byte view
   * leaves special ones unmatched, as plain text) matched in the text as it is (not normalized,
   * unless nothing normalizes; no stripping, not single-word), none an id of the model.
   */
  private static boolean segmentsAroundBpe(StagedTokenizer pipeline) {
    if (pipeline.normalizer() != null && pipeline.normalizer() != Nfc.INSTANCE) return false;
    if (piecePattern(pipeline.preTokenizer()) == null) return false;
    for (AddedToken t : pipeline.addedTokenOptions()) {
      if (t.special()) continue;
      if ((t.normalized() && pipeline.normalizer() != null) || t.lstrip() || t.rstrip() || t.singleWord() || t.content().isEmpty()) return false;
      if (pipeline.model().idToToken(pipeline.addedVocabulary().idOf(t.content())) != null) return false;
    }
    return !pipeline.addedTokenOptions().isEmpty() || pipeline.normalizer() != null;
  }

  /** What {@link SegmentMasks} needs besides the whole view. */
  private record Segments(TokenBytes inner, boolean nfc, int[] addedIds, byte[][] contents) {}

  /**
   * The pattern whose matches are the pieces {@code preTokenizer} cuts, when they are exactly its
   * matches and nothing else changes the text: GPT-2's ByteLevel with its own split, or splits
   * followed by a ByteLevel without split or prefix space, where the splits are one by a pattern
   * whose matches cover the text (kept as pieces: isolated, not inverted; Llama 3, Qwen) or a
   * sequence whose pieces one pattern gives ({@link DeepSeekPieces#of}: DeepSeek V3). Null
   * for any other pre-tokenizer.
   */
  private static SplitPattern piecePattern(PreTokenizer preTokenizer) {
    if (preTokenizer instanceof ByteLevel byteLevel) {
      return byteLevel.useRegex() && !byteLevel.addPrefixSpace() ? Gpt2Pattern.INSTANCE : null;
    }
    if (!(preTokenizer instanceof PreTokenizerSequence sequence) || sequence.stages().size() < 2) return null;
    List<PreTokenizer> splits = sequence.stages().subList(0, sequence.stages().size() - 1);
    if (!(sequence.stages().get(splits.size()) instanceof ByteLevel byteLevel) || byteLevel.useRegex() || byteLevel.addPrefixSpace()) return null;
    if (splits.size() == 1
        && splits.get(0) instanceof PatternSplit split
        && split.splitBehavior() == SplitBehavior.ISOLATED
        && !split.splitInverted()
        && split.splitPattern().matchEnd("a", 0) >= 0) { // its matches cover the text
      return split.splitPattern();
    }
    return DeepSeekPieces.of(splits);
  }

  private static boolean plainByteLevel(BpeOptions options) {
    // An empty prefix or suffix (GPT-2's own file writes "") adds nothing.
    return options.unkToken() == null && absent(options.continuingSubwordPrefix()) && absent(options.endOfWordSuffix()) && !options.byteFallback();
  }

  private static boolean absent(String affix) {
    return affix == null || affix.isEmpty();
  }

  private static int[] byteSymbols(TokenTable tokens) {
    int[] symbols = new int[256];
    for (int b = 0; b < 256; b++) symbols[b] = tokens.idOf(new byte[] {(byte) b}, 0, 1);
    return symbols;
  }

  /** Finds the id of some bytes. */
  @FunctionalInterface
  private interface IdLookup {
    int idOf(byte[] b, int from, int to);
  }

  /** Tiktoken merges: a pair merges into the token of its concatenated bytes, at that token's rank (its id). */
  private static MergeTrees concatenationMerges(TokenTable tokens, IdLookup ids) {
    IntArrayList left = new IntArrayList();
    IntArrayList right = new IntArrayList();
    IntArrayList result = new IntArrayList();
    for (int z : tokens.ids()) {
      byte[] b = tokens.bytes(z);
      for (int k = 1; k < b.length; k++) {
        int x = ids.idOf(b, 0, k);
        int y = x < 0 ? -1 : ids.idOf(b, k, b.length);
        if (y < 0) continue;
        left.add(x);
        right.add(y);
        result.add(z);
      }
    }
    int[] results = result.toIntArray();
    return new MergeTrees(tokens.allBytes(), byteSymbols(tokens), left.toIntArray(), right.toIntArray(), results, results);
  }

  private static MergeTrees listedMerges(TokenTable tokens, BpeModel bpe) {
    List<BpeModel.Merge> list = bpe.merges();
    int n = list.size();
    int[] left = new int[n];
    int[] right = new int[n];
    int[] result = new int[n];
    int[] rank = new int[n];
    for (int i = 0; i < n; i++) {
      left[i] = list.get(i).left();
      right[i] = list.get(i).right();
      result[i] = list.get(i).result();
      rank[i] = i;
    }
    return new MergeTrees(tokens.allBytes(), byteSymbols(tokens), left, right, result, rank);
  }

  private static Anchor patternAnchor(SplitPattern pattern) {
    return (text, end) -> {
      String s = Utf8.decodeEscaped(text, 0, end);
      IntArrayList starts = new IntArrayList();
      pattern.findMatches(s, (start, stop) -> starts.add(start));
      if (starts.size() < PIECES_KEPT) return 0;
      int anchorChar = starts.getInt(starts.size() - PIECES_KEPT);
      return Utf8.encode(s, 0, anchorChar, true, new byte[Utf8.maxBytes(anchorChar)], 0, null);
    };
  }

  /**
   * A byte offset at or before {@code end} that no extension of {@code text[0, end)} moves: encoding
   * any extension gives the encoding of {@code text[0, anchor)} followed by that of the rest.
   */
  public int anchor(byte[] text, int end) {
    return anchor.of(text, end);
  }

  /** Whether {@link #validNext} uses the local test (a pre-tokenized BPE it knows) rather than re-encoding. */
  public boolean decidesLocally() {
    return masks != null || segments != null;
  }

  /**
   * The sums of {@code weights} over {@code mask} by first byte, cached by the identity of the mask
   * (one of {@link #validNext}'s) and of the weights: from the parts the local test made the mask
   * of when it did, else one pass over the mask.
   */
  FirstByteSums firstByteSums(BitSet mask, double[] weights) {
    MaskKey key = new MaskKey(mask);
    synchronized (firstByteSums) {
      FirstByteSums cached = firstByteSums.get(key);
      if (cached != null && cached.weightsOf() == weights) return cached;
    }
    FirstByteSums out = masks == null ? null : masks.firstByteSums(mask, weights);
    if (out == null) out = sums(mask, weights);
    synchronized (firstByteSums) {
      firstByteSums.put(key, out);
    }
    return out;
  }

  /**
   * Which ids {@code v} make {@code context + v} canonical, given that {@code context} is. Cached for
   * the last few contexts, since a byte-level step and the model's own masking ask for the same one.
   */
  @Override
  public BitSet validNext(int[] context) {
    IdsKey key = new IdsKey(context.clone());
    synchronized (validNextCache) {
      BitSet cached = validNextCache.get(key);
      if (cached != null) return cached;
    }
    BitSet valid = computeValidNext(context);
    synchronized (validNextCache) {
      validNextCache.put(key, valid);
    }
    return valid;
  }

  private BitSet computeValidNext(int[] context) {
    if (masks != null) {
      BitSet local = masks.validNext(context);
      if (local != null) return local;
    }
    if (segments != null) return segments.validNext(context, decode(context, context.length));
    return validNextByReencoding(context);
  }

  /**
   * {@link #validNext} by brute force: re-encodes the text after the anchor followed by each id in
   * turn. What the local test must agree with; tests compare the two.
   */
  public BitSet validNextByReencoding(int[] context) {
    byte[] text = decode(context, context.length);
    int tailStart = 0;
    int boundary = 0;
    int wanted = anchor.of(text, text.length);
    while (boundary < wanted) boundary += bytes(context[tailStart++]).length;
    if (boundary != wanted) {
      // The anchor falls inside a token: the context is not canonical there; check it all.
      tailStart = 0;
      boundary = 0;
    }
    int anchorByte = boundary;
    int[] tail = Arrays.copyOfRange(context, tailStart, context.length);
    int tailBytes = text.length - anchorByte;
    BitSet valid = new BitSet(idBound());
    java.util.stream.IntStream.of(ids()).parallel().filter(v -> {
      byte[] vb = bytes(v);
      byte[] extended = Arrays.copyOf(Arrays.copyOfRange(text, anchorByte, text.length), tailBytes + vb.length);
      System.arraycopy(vb, 0, extended, tailBytes, vb.length);
      int[] ids = encodeWhole(extended);
      return ids.length == tail.length + 1 && ids[tail.length] == v && Arrays.equals(ids, 0, tail.length, tail, 0, tail.length);
    }).forEach(v -> {
      synchronized (valid) {
        valid.set(v);
      }
    });
    return valid;
  }


  private record IdsKey(int[] ids) {
    @Override
    public boolean equals(Object o) {
      return o instanceof IdsKey other && Arrays.equals(ids, other.ids);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(ids);
    }
  }
}
