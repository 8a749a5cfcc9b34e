package dev.toksmith.core.fast;

import dev.toksmith.core.NormalizedString;
import dev.toksmith.core.models.Model;
import dev.toksmith.core.models.unigram.UnigramModel;
import dev.toksmith.core.normalizers.Normalizer;
import dev.toksmith.core.pretokenizers.Metaspace;
import dev.toksmith.core.pretokenizers.PreTokenizer;
import dev.toksmith.core.pretokenizers.PreTokenizerSequence;
import dev.toksmith.core.pretokenizers.WhitespaceSplit;
import dev.toksmith.core.unicode.CharClasses;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Unigram pipelines (T5, ALBERT, XLM-R and the files converted from SentencePiece models): any
 * normalizer, then whitespace splitting and the meta symbol ({@code WhitespaceSplit} and {@code
 * Metaspace}, either or both, or no pre-tokenizer), then the Unigram model word by word, each word's
 * ids cached. The normalizer runs only on text its quick check says it may change ({@link
 * Normalizer#mayChange}); most text passes untouched.
 */
final class UnigramWords implements SegmentEncoder {
  private final Normalizer normalizer;
  private final UnigramModel model;
  /** The pre-tokenizer splits at whitespace, dropping it. */
  private final boolean whitespaceSplit;
  /** The Metaspace stage, or null. */
  private final Metaspace metaspace;
  private final WordCache cache = new WordCache();
  private final ThreadLocal<char[]> buffers = ThreadLocal.withInitial(() -> new char[256]);

  private UnigramWords(Normalizer normalizer, UnigramModel model, boolean whitespaceSplit, Metaspace metaspace) {
    this.normalizer = normalizer;
    this.model = model;
    this.whitespaceSplit = whitespaceSplit;
    this.metaspace = metaspace;
  }

  /** The fast path for these stages, or null when they are not a Unigram pipeline it knows. */
  static UnigramWords of(Normalizer normalizer, PreTokenizer preTokenizer, Model model) {
    if (!(model instanceof UnigramModel unigram)) return null;
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
    return new UnigramWords(normalizer, unigram, whitespaceSplit, metaspace);
  }

  @Override
  public boolean encode(String text, int start, int end, IntArrayList out) {
    NormalizedString normalized = null;
    CharSequence source = text;
    int from = start;
    int to = end;
    if (normalizer != null && normalizer.mayChange(text.subSequence(start, end))) {
      normalized = new NormalizedString(text.substring(start, end), start);
      normalizer.normalize(normalized);
      source = normalized.get();
      from = 0;
      to = source.length();
    }
    if (!whitespaceSplit) {
      // Metaspace's scheme "first" looks at where the segment starts.
      piece(source, from, to, start, out);
      return true;
    }
    for (int i = from; i < to; ) {
      int cp = Character.codePointAt(source, i);
      if (CharClasses.isWhiteSpace(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      int wordStart = i;
      while (i < to && !CharClasses.isWhiteSpace(cp = Character.codePointAt(source, i))) i += Character.charCount(cp);
      piece(source, wordStart, i, normalized == null ? wordStart : normalized.originalStartOf(wordStart, i), out);
    }
    return true;
  }

  /**
   * One piece of the pre-tokenizer before Metaspace (the whole segment without whitespace splitting):
   * spaces become the meta symbol, which may go in front, and the piece is cut before each one.
   */
  private void piece(CharSequence source, int from, int to, int originalStart, IntArrayList out) {
    if (from == to) return;
    if (metaspace == null) {
      word(source, from, to, out);
      return;
    }
    char symbol = (char) metaspace.replacement();
    char first = source.charAt(from);
    boolean startsWithSymbol = first == ' ' || first == symbol;
    boolean prefixed = switch (metaspace.prependScheme()) {
      case ALWAYS -> !startsWithSymbol;
      case FIRST -> !startsWithSymbol && originalStart == 0;
      case NEVER -> false;
    };
    char[] chars = buffers.get();
    int n = to - from + 1;
    if (chars.length < n) buffers.set(chars = new char[Math.max(n, chars.length * 2)]);
    int length = 0;
    if (prefixed) chars[length++] = symbol;
    for (int i = from; i < to; i++) {
      char c = source.charAt(i);
      chars[length++] = c == ' ' ? symbol : c;
    }
    int wordStart = 0;
    if (metaspace.split()) {
      for (int i = 1; i < length; i++) {
        if (chars[i] == symbol) {
          encodeWord(chars, wordStart, i, out);
          wordStart = i;
        }
      }
    }
    encodeWord(chars, wordStart, length, out);
  }

  /** A piece taken as it is, without Metaspace. */
  private void word(CharSequence source, int from, int to, IntArrayList out) {
    char[] chars = buffers.get();
    int n = to - from;
    if (chars.length < n) buffers.set(chars = new char[Math.max(n, chars.length * 2)]);
    for (int i = 0; i < n; i++) chars[i] = source.charAt(from + i);
    encodeWord(chars, 0, n, out);
  }

  private void encodeWord(char[] chars, int from, int to, IntArrayList out) {
    boolean cacheable = to - from <= WordCache.LONGEST_WORD;
    int hash = cacheable ? WordCache.hash(chars, from, to) : 0;
    if (cacheable) {
      int[] cached = cache.get(chars, from, to, hash);
      if (cached != null) {
        out.addElements(out.size(), cached);
        return;
      }
    }
    int mark = out.size();
    model.appendIds(chars, from, to, out);
    if (cacheable) cache.put(chars, from, to, hash, Arrays.copyOfRange(out.elements(), mark, out.size()));
  }

  @Override
  public String description() {
    return "Unigram" + (whitespaceSplit ? ", split at whitespace" : "") + (metaspace != null ? ", meta symbol" : "") + (normalizer != null ? ", normalizer run where its quick check finds work" : "");
  }
}
