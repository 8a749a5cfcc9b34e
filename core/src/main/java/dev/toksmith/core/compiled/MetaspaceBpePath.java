package dev.toksmith.core.compiled;

import dev.toksmith.core.models.Model;
import dev.toksmith.core.models.Vocabulary;
import dev.toksmith.core.models.bpe.BpeModel;
import dev.toksmith.core.models.bpe.BpeOptions;
import dev.toksmith.core.normalizers.Normalizer;
import dev.toksmith.core.normalizers.NormalizerSequence;
import dev.toksmith.core.normalizers.Prepend;
import dev.toksmith.core.normalizers.Replace;
import dev.toksmith.core.pretokenizers.Metaspace;
import dev.toksmith.core.pretokenizers.PreTokenizer;
import dev.toksmith.core.pretokenizers.Split;
import dev.toksmith.core.text.Utf8;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * SentencePiece-style BPE as Hugging Face files spell it (Llama 2, Mistral, Gemma): spaces become a
 * meta symbol ({@code ▁}), one is put in front, and BPE with byte fallback runs over the result. Two
 * spellings are recognised:
 *
 * <ul>
 *   <li>the normalizers {@code Prepend(▁)} and {@code Replace(" ", ▁)} (in either order, or the
 *       replacement alone) with no pre-tokenizer, or one that splits on spaces, which are all gone by
 *       then (Llama 2's and Gemma's files): the model sees the whole text as one piece;
 *   <li>the {@code Metaspace} pre-tokenizer with no normalizer (Mistral's and older files), which may
 *       split the text before each {@code ▁}.
 * </ul>
 *
 * <p>Where the model sees one long piece, it is cut anyway before each run of {@code ▁} that follows
 * another character, except where some merge joins a token ending in that character with one that
 * starts with {@code ▁} (one merge of Gemma's 514,906 does): no merge can then cross a cut, so the
 * words merge as the whole would, and each word's ids are cached. The ids are the model's own
 * ({@link BpeModel#tokenize}): each character its token, else its {@code <0xNN>} bytes, else the
 * unknown token (consecutive ones fused when the model says so).
 */
final class MetaspaceBpePath extends CharPath {
  private final BpeModel model;
  private final Vocabulary vocab;
  private final BpeOptions options;
  private final char metaSymbol;
  /** When a meta symbol goes in front of a segment. */
  private enum Prefix {
    /** Always (the Prepend normalizer). */
    ALWAYS,
    /** Unless it starts with one (Metaspace's "always"). */
    UNLESS_THERE,
    /** Unless it starts with one, and only at the start of the input (Metaspace's "first"). */
    FIRST_UNLESS_THERE,
    NEVER
  }

  private final Prefix prefix;
  /** The model sees one piece per meta symbol (Metaspace with split), not the whole segment. */
  private final boolean piecePerSymbol;
  /** Words may be cut out of one piece, before a run of meta symbols. */
  private final boolean cutWords;
  /** Characters after which a cut is unsafe: some merge joins a token ending in one with a token starting with the symbol. */
  private final boolean[] unsafeBmp = new boolean[65536];
  private final IntOpenHashSet unsafeSupplementary = new IntOpenHashSet();
  /** The id of each BMP character that is a token by itself, -1 for the others. */
  private final int[] charIds = new int[65536];
  private final WordCache cache = new WordCache();
  private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

  /** Working arrays of one thread. */
  private static final class Scratch {
    char[] text = new char[256];
    int[] ids = new int[64];
  }

  private MetaspaceBpePath(BpeModel model, char metaSymbol, Prefix prefix, boolean piecePerSymbol) {
    this.model = model;
    this.vocab = model.vocabulary();
    this.options = model.options();
    this.metaSymbol = metaSymbol;
    this.prefix = prefix;
    this.piecePerSymbol = piecePerSymbol;
    Arrays.fill(charIds, -1);
    vocab.forEach((token, id) -> {
      if (token.length() == 1) charIds[token.charAt(0)] = id;
    });
    this.cutWords = !piecePerSymbol && findUnsafeCuts();
  }

  /** The fast path of these components, or null when they are not SentencePiece-style BPE. */
  static FastPath compile(PipelineStages c) {
    Normalizer normalizer = c.normalizer();
    PreTokenizer preTokenizer = c.preTokenizer();
    // Tokens matched in normalized text need the normalized text between the stages.
    if (!(c.model() instanceof BpeModel bpe) || c.added().hasNormalizedTokens()) return null;
    BpeOptions o = bpe.options();
    if (o.continuingSubwordPrefix() != null || o.endOfWordSuffix() != null) return null;
    if (normalizer == null && preTokenizer instanceof Metaspace m && !Character.isSupplementaryCodePoint(m.replacement())) {
      Prefix prefix = switch (m.prependScheme()) {
        case ALWAYS -> Prefix.UNLESS_THERE;
        case FIRST -> Prefix.FIRST_UNLESS_THERE;
        case NEVER -> Prefix.NEVER;
      };
      return new MetaspaceBpePath(bpe, (char) m.replacement(), prefix, m.split());
    }
    if (preTokenizer != null && !(preTokenizer instanceof Split split && !split.isRegex() && split.patternText().equals(" ") && !split.invert())) return null;
    List<Normalizer> stages = normalizer instanceof NormalizerSequence seq ? seq.stages() : normalizer == null ? List.of() : List.of(normalizer);
    Replace replace = null;
    Prepend prepend = null;
    for (Normalizer stage : stages) {
      if (stage instanceof Replace r && replace == null && !r.isRegex() && r.pattern().equals(" ") && r.content().length() == 1 && r.content().charAt(0) != ' ') {
        replace = r;
      } else if (stage instanceof Prepend p && prepend == null) {
        prepend = p;
      } else {
        return null;
      }
    }
    if (replace == null || (prepend != null && !prepend.prefix().equals(replace.content()))) return null;
    return new MetaspaceBpePath(bpe, replace.content().charAt(0), prepend != null ? Prefix.ALWAYS : Prefix.NEVER, false);
  }

  /**
   * Fills the unsafe characters from the merges; returns false when words cannot be cut at all: the
   * meta symbol is no token by itself, or a merge joins a byte-fallback or unknown token with one
   * starting with the symbol, or ids are shared (a merge's tokens are then not known for sure).
   */
  private boolean findUnsafeCuts() {
    int idsUsed = 0;
    for (int id = 0; id < vocab.idBound(); id++) if (vocab.token(id) != null) idsUsed++;
    if (idsUsed != vocab.size() || charIds[metaSymbol] < 0) return false;
    boolean[] startsWithSymbol = new boolean[vocab.idBound()];
    vocab.forEach((token, id) -> startsWithSymbol[id] = !token.isEmpty() && token.charAt(0) == metaSymbol);
    for (BpeModel.Merge m : model.merges()) {
      if (!startsWithSymbol[m.right()]) continue;
      String left = vocab.token(m.left());
      if (left.isEmpty() || left.charAt(left.length() - 1) == metaSymbol) continue;
      if (m.left() == model.unkId() || isByteFallback(m.left())) return false;
      int last = left.codePointBefore(left.length());
      if (last < 65536) unsafeBmp[last] = true;
      else unsafeSupplementary.add(last);
    }
    return true;
  }

  private boolean isByteFallback(int id) {
    for (int b = 0; b < 256; b++) if (model.byteFallbackId(b) == id) return true;
    return false;
  }

  @Override
  int encode(char[] text, int length, int originalStart, IntConsumer ids) {
    Scratch s = scratch.get();
    if (s.text.length < length + 1) s.text = new char[Math.max(length + 1, s.text.length * 2)];
    char[] chars = s.text;
    boolean symbolFirst = text[0] == ' ' || text[0] == metaSymbol;
    boolean prefixed = switch (prefix) {
      case ALWAYS -> true;
      case UNLESS_THERE -> !symbolFirst;
      case FIRST_UNLESS_THERE -> !symbolFirst && originalStart == 0;
      case NEVER -> false;
    };
    int n = 0;
    if (prefixed) chars[n++] = metaSymbol;
    for (int i = 0; i < length; i++) {
      char c = text[i];
      chars[n++] = c == ' ' ? metaSymbol : c;
    }
    if (options.ignoreMerges() && !piecePerSymbol) {
      int whole = vocab.id(chars, 0, n);
      if (whole >= 0) {
        ids.accept(whole);
        return 1;
      }
    }
    int count = 0;
    int wordStart = 0;
    for (int i = 1; i < n; i++) {
      if (chars[i] == metaSymbol && (piecePerSymbol || (cutWords && chars[i - 1] != metaSymbol && !unsafeBefore(chars, i)))) {
        count += encodeWord(chars, wordStart, i, ids, s);
        wordStart = i;
      }
    }
    return count + encodeWord(chars, wordStart, n, ids, s);
  }

  @Override
  public String description() {
    return "SentencePiece-style BPE" + (options.byteFallback() ? " with byte fallback" : "") + (piecePerSymbol ? ", a piece per word" : cutWords ? ", cut into words" : "");
  }

  /** Whether the character before {@code chars[i]} forbids a cut there. */
  private boolean unsafeBefore(char[] chars, int i) {
    char c = chars[i - 1];
    if (Character.isLowSurrogate(c) && i >= 2 && Character.isHighSurrogate(chars[i - 2])) return unsafeSupplementary.contains(Character.toCodePoint(chars[i - 2], c));
    return unsafeBmp[c];
  }

  private int encodeWord(char[] chars, int from, int to, IntConsumer ids, Scratch s) {
    if (options.ignoreMerges() && piecePerSymbol) {
      int whole = vocab.id(chars, from, to);
      if (whole >= 0) {
        ids.accept(whole);
        return 1;
      }
    }
    boolean cacheable = to - from <= WordCache.LONGEST_WORD;
    int hash = cacheable ? WordCache.hash(chars, from, to) : 0;
    int[] cached = cacheable ? cache.get(chars, from, to, hash) : null;
    if (cached == null) {
      int symbols = symbols(chars, from, to, s);
      int n = model.merge(s.ids, symbols);
      cached = Arrays.copyOf(s.ids, n);
      if (cacheable) cache.put(chars, from, to, hash, cached);
    }
    for (int id : cached) ids.accept(id);
    return cached.length;
  }

  /**
   * The word's symbols before any merge, as {@link BpeModel} makes them: each character's token, or
   * its {@code <0xNN>} byte tokens when all exist, or the unknown token, fused with the unknown
   * characters around it when the model fuses them; without an unknown token such a character is
   * dropped. Returns the number of symbols in {@code s.ids}.
   */
  private int symbols(char[] chars, int from, int to, Scratch s) {
    int n = 0;
    boolean pendingUnknown = false;
    for (int i = from; i < to; ) {
      char c = chars[i];
      int width = Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(chars[i + 1]) ? 2 : 1;
      int id = width == 1 ? charIds[c] : vocab.id(chars, i, i + 2);
      if (n + 5 > s.ids.length) s.ids = Arrays.copyOf(s.ids, s.ids.length * 2);
      if (id >= 0) {
        if (pendingUnknown) n = add(s, n, model.unkId());
        pendingUnknown = false;
        n = add(s, n, id);
      } else if (options.byteFallback() && hasByteFallback(chars, i, width)) {
        // A pending unknown token stays pending, so it lands after these bytes, as in Hugging Face.
        n = addByteFallback(chars, i, width, s, n);
      } else if (options.unkToken() != null && !(pendingUnknown && options.fuseUnk())) {
        if (pendingUnknown) n = add(s, n, model.unkId());
        // A new unknown token: Hugging Face fails here when the vocabulary lacks it.
        vocab.unknownTokenId(options.unkToken());
        pendingUnknown = true;
      }
      i += width;
    }
    if (pendingUnknown) {
      if (n == s.ids.length) s.ids = Arrays.copyOf(s.ids, n * 2);
      n = add(s, n, model.unkId());
    }
    return n;
  }

  private static int add(Scratch s, int n, int id) {
    s.ids[n] = id;
    return n + 1;
  }

  /**
   * Whether every UTF-8 byte of the character at {@code chars[i]} has its {@code <0xNN>} token.
   *
   * @throws IllegalArgumentException for an unpaired surrogate, which has no UTF-8 bytes (Java's
   *     encoder would silently put '?' in its place)
   */
  private boolean hasByteFallback(char[] chars, int i, int width) {
    int cp = width == 2 ? Character.toCodePoint(chars[i], chars[i + 1]) : chars[i];
    if (Character.isSurrogate(chars[i]) && width == 1) {
      throw new IllegalArgumentException(String.format("the text holds an unpaired surrogate U+%04X, which has no UTF-8 bytes for byte fallback", cp));
    }
    for (int k = 0, count = Utf8.length(cp); k < count; k++) if (model.byteFallbackId(Utf8.byteOf(cp, k)) < 0) return false;
    return true;
  }

  private int addByteFallback(char[] chars, int i, int width, Scratch s, int n) {
    int cp = width == 2 ? Character.toCodePoint(chars[i], chars[i + 1]) : chars[i];
    for (int k = 0, count = Utf8.length(cp); k < count; k++) n = add(s, n, model.byteFallbackId(Utf8.byteOf(cp, k)));
    return n;
  }
}
