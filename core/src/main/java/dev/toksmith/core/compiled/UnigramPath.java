package dev.toksmith.core.compiled;

import dev.toksmith.core.models.unigram.UnigramModel;
import dev.toksmith.core.normalizers.Normalizer;
import dev.toksmith.core.pretokenizers.Metaspace;
import dev.toksmith.core.pretokenizers.PreTokenizer;
import dev.toksmith.core.pretokenizers.PreTokenizerSequence;
import dev.toksmith.core.pretokenizers.WhitespaceSplit;
import dev.toksmith.core.text.Utf8;
import dev.toksmith.core.unicode.CharClasses;
import dev.toksmith.core.unicode.NormalizedString;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Unigram pipelines (T5, ALBERT, XLM-R and the files converted from SentencePiece models): any
 * normalizer, then whitespace splitting and the meta symbol ({@code WhitespaceSplit} and {@code
 * Metaspace}, either or both, or no pre-tokenizer), then the Unigram model word by word, each word's
 * ids cached. The normalizer runs only on text its quick check does not clear ({@link
 * Normalizer#leavesUnchanged}); most text passes untouched, and text that needs it goes on from the
 * normalized string, with its alignment for Metaspace's scheme "first".
 */
final class UnigramPath extends CharPath {
  private final Normalizer normalizer;
  private final UnigramModel model;
  /** The pre-tokenizer splits at whitespace, dropping it. */
  private final boolean whitespaceSplit;
  /** The Metaspace stage, or null. */
  private final Metaspace metaspace;
  private final WordCache cache = new WordCache();
  private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

  /** Working arrays of one thread. */
  private static final class Scratch {
    byte[] utf8 = new byte[1024];
    char[] normalized = new char[256];
    char[] piece = new char[256];
    final IntArrayList ids = new IntArrayList();
  }

  private UnigramPath(Normalizer normalizer, UnigramModel model, boolean whitespaceSplit, Metaspace metaspace) {
    this.normalizer = normalizer;
    this.model = model;
    this.whitespaceSplit = whitespaceSplit;
    this.metaspace = metaspace;
  }

  /** The fast path of these components, or null when they are not a Unigram pipeline it knows. */
  static FastPath compile(PipelineStages c) {
    // Tokens matched in normalized text need the normalized text between the stages.
    if (!(c.model() instanceof UnigramModel unigram) || c.added().hasNormalizedTokens()) return null;
    PreTokenizer preTokenizer = c.preTokenizer();
    List<PreTokenizer> stages = preTokenizer instanceof PreTokenizerSequence seq ? seq.stages() : preTokenizer == null ? List.of() : List.of(preTokenizer);
    boolean whitespaceSplit = false;
    Metaspace metaspace = null;
    for (int i = 0; i < stages.size(); i++) {
      PreTokenizer stage = stages.get(i);
      if (stage == WhitespaceSplit.INSTANCE && i == 0) {
        whitespaceSplit = true;
      } else if (stage instanceof Metaspace m && i == stages.size() - 1 && !Character.isSupplementaryCodePoint(m.replacement())) {
        metaspace = m;
      } else {
        return null;
      }
    }
    return new UnigramPath(c.normalizer(), unigram, whitespaceSplit, metaspace);
  }

  @Override
  int encode(char[] text, int length, int originalStart, IntConsumer ids) {
    Scratch s = scratch.get();
    NormalizedString normalized = null;
    char[] source = text;
    int n = length;
    if (normalizer != null) {
      if (s.utf8.length < Utf8.maxBytes(length)) s.utf8 = new byte[Math.max(Utf8.maxBytes(length), s.utf8.length * 2)];
      int bytes = Utf8.encode(java.nio.CharBuffer.wrap(text, 0, length), 0, length, false, s.utf8, 0, null);
      if (!normalizer.leavesUnchanged(s.utf8, 0, bytes, false)) {
        normalized = new NormalizedString(new String(text, 0, length), originalStart);
        normalizer.normalize(normalized);
        n = normalized.length();
        if (s.normalized.length < n) s.normalized = new char[Math.max(n, s.normalized.length * 2)];
        normalized.get().getChars(0, n, s.normalized, 0);
        source = s.normalized;
      }
    }
    s.ids.clear();
    if (!whitespaceSplit) {
      // Metaspace's scheme "first" looks at where the segment starts.
      piece(source, 0, n, originalStart, s);
    } else {
      for (int i = 0; i < n; ) {
        int cp = Character.codePointAt(source, i, n);
        if (CharClasses.isWhiteSpace(cp)) {
          i += Character.charCount(cp);
          continue;
        }
        int wordStart = i;
        while (i < n && !CharClasses.isWhiteSpace(cp = Character.codePointAt(source, i, n))) i += Character.charCount(cp);
        piece(source, wordStart, i, normalized == null ? originalStart + wordStart : normalized.originalStartOf(wordStart, i), s);
      }
    }
    for (int k = 0; k < s.ids.size(); k++) ids.accept(s.ids.getInt(k));
    return s.ids.size();
  }

  /**
   * One piece as the pre-tokenizer before Metaspace leaves it (the whole segment without whitespace
   * splitting): spaces become the meta symbol, which may go in front, and the piece is cut before each
   * one.
   */
  private void piece(char[] source, int from, int to, int originalStart, Scratch s) {
    if (from == to) return;
    if (metaspace == null) {
      encodeWord(source, from, to, s.ids);
      return;
    }
    char symbol = (char) metaspace.replacement();
    boolean startsWithSymbol = source[from] == ' ' || source[from] == symbol;
    boolean prefixed = switch (metaspace.prependScheme()) {
      case ALWAYS -> !startsWithSymbol;
      case FIRST -> !startsWithSymbol && originalStart == 0;
      case NEVER -> false;
    };
    int n = to - from + 1;
    if (s.piece.length < n) s.piece = new char[Math.max(n, s.piece.length * 2)];
    char[] chars = s.piece;
    int length = 0;
    if (prefixed) chars[length++] = symbol;
    for (int i = from; i < to; i++) chars[length++] = source[i] == ' ' ? symbol : source[i];
    int wordStart = 0;
    if (metaspace.split()) {
      for (int i = 1; i < length; i++) {
        if (chars[i] == symbol) {
          encodeWord(chars, wordStart, i, s.ids);
          wordStart = i;
        }
      }
    }
    encodeWord(chars, wordStart, length, s.ids);
  }

  private void encodeWord(char[] chars, int from, int to, IntArrayList out) {
    boolean cacheable = to - from <= WordCache.LONGEST_WORD;
    int hash = cacheable ? WordCache.hash(chars, from, to) : 0;
    int[] cached = cacheable ? cache.get(chars, from, to, hash) : null;
    if (cached != null) {
      out.addElements(out.size(), cached);
      return;
    }
    int mark = out.size();
    model.appendIds(chars, from, to, out);
    if (cacheable) cache.put(chars, from, to, hash, Arrays.copyOfRange(out.elements(), mark, out.size()));
  }

  @Override
  public String description() {
    return "Unigram" + (whitespaceSplit ? ", split at whitespace" : "") + (metaspace != null ? ", meta symbol" : "") + (normalizer != null ? ", normalizer where its quick check finds work" : "");
  }
}
