package dev.toksmith.core.compiled;

import dev.toksmith.core.models.wordpiece.WordPieceModel;
import dev.toksmith.core.normalizers.BertNormalizer;
import dev.toksmith.core.pretokenizers.BertPreTokenizer;
import dev.toksmith.core.pretokenizers.Punctuation;
import dev.toksmith.core.unicode.CharClasses;
import dev.toksmith.core.unicode.NormalizedString;
import dev.toksmith.core.unicode.UnicodeCategories;
import dev.toksmith.core.unicode.UnicodeNormalization;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;

/**
 * BERT's pipeline in one pass (bert-base and its kin): {@code BertNormalizer} (or none), {@code
 * BertPreTokenizer} and {@code WordPiece}. Each character of the input is normalized on its own, from
 * a table filled as characters are first met, which is exact because every step of the normalizer
 * works character by character but canonical reordering, and that reordering moves only combining
 * marks: those the accent stripping removes anyway are dropped wherever they go, and a text holding
 * any other (a spacing mark of nonzero class, rare) takes the stages one by one. Whitespace ends a
 * word, punctuation is a word of its own, and each word is matched greedily, longest first, along a
 * trie of the vocabulary, its ids cached.
 */
final class BertWordPiecePath extends CharPath {
  /** Table entries: up to three output characters, their count, and two flags. */
  private static final long COMPUTED = 1L << 50;
  /** The character needs its neighbours (or maps to more than three characters): the stages run one by one. */
  private static final long UNSUPPORTED = 1L << 51;
  private static final int MAX_OUTPUT = 3;

  private final BertNormalizer normalizer;
  private final WordPieceModel model;
  /** What each BMP character normalizes to, filled on first sight; 0 while not computed. */
  private final long[] table = new long[65536];
  /** The same for characters above the BMP, which are rare. */
  private final ConcurrentHashMap<Integer, String> supplementary = new ConcurrentHashMap<>();
  private final WordCache cache = new WordCache();
  private final ThreadLocal<Words> words = ThreadLocal.withInitial(Words::new);

  /** One thread's word being read, and the ids of the words before it in the segment. */
  private final class Words {
    char[] word = new char[64];
    int length;
    final IntArrayList ids = new IntArrayList();

    void append(int cp) {
      if (length + 2 > word.length) word = Arrays.copyOf(word, word.length * 2);
      length += Character.toChars(cp, word, length);
    }

    /** WordPiece on the word read so far, if any; the next word starts empty. */
    void flush() {
      if (length == 0) return;
      boolean cacheable = length <= WordCache.LONGEST_WORD;
      int hash = cacheable ? WordCache.hash(word, 0, length) : 0;
      int[] cached = cacheable ? cache.get(word, 0, length, hash) : null;
      if (cached == null) {
        cached = wordPiece(word, length);
        if (cacheable) cache.put(word, 0, length, hash, cached);
      }
      ids.addElements(ids.size(), cached);
      length = 0;
    }
  }

  private BertWordPiecePath(BertNormalizer normalizer, WordPieceModel model) {
    this.normalizer = normalizer;
    this.model = model;
    for (char c = 0; c < 0x80; c++) table[c] = entry(c);
  }

  /** The fast path of these components, or null when they are not BERT's. */
  static FastPath compile(PipelineStages c) {
    if (c.preTokenizer() != BertPreTokenizer.INSTANCE || !(c.model() instanceof WordPieceModel wordPiece) || c.added().hasNormalizedTokens()) return null;
    if (c.normalizer() != null && !(c.normalizer() instanceof BertNormalizer)) return null;
    if (wordPiece.continuingSubwordPrefix().isEmpty()) return null;
    return new BertWordPiecePath((BertNormalizer) c.normalizer(), wordPiece);
  }

  @Override
  int encode(char[] text, int length, int originalStart, IntConsumer ids) {
    Words w = words.get();
    w.length = 0;
    w.ids.clear();
    for (int i = 0; i < length; ) {
      char c = text[i];
      // A BMP character's output is packed in its entry, one above the BMP is spelled out.
      long e = 0;
      String spelled = null;
      if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text[i + 1])) {
        spelled = supplementary.computeIfAbsent(Character.toCodePoint(c, text[i + 1]), this::spelling);
        i += 2;
      } else {
        e = table[c];
        if (e == 0) table[c] = e = entry(c);
        i++;
      }
      if ((e & UNSUPPORTED) != 0 || spelled == UNSUPPORTED_SPELLING) return -1;
      int count = spelled != null ? spelled.length() : (int) (e >>> 48) & 3;
      for (int k = 0; k < count; k++) {
        char o = spelled != null ? spelled.charAt(k) : (char) (e >>> (16 * k));
        int cp = o;
        if (Character.isHighSurrogate(o) && k + 1 < count) cp = Character.toCodePoint(o, spelled.charAt(++k));
        if (CharClasses.isWhiteSpace(cp)) {
          w.flush();
        } else if (Punctuation.isPunctuation(cp)) {
          w.flush();
          w.append(cp);
          w.flush();
        } else {
          w.append(cp);
        }
      }
    }
    w.flush();
    // Ids go out only now, since a character met late may still send the segment to the general path.
    for (int k = 0; k < w.ids.size(); k++) ids.accept(w.ids.getInt(k));
    return w.ids.size();
  }

  @Override
  public String description() {
    return "BERT WordPiece" + (normalizer == null ? "" : " with BertNormalizer");
  }

  /** Marks a character above the BMP that the stages must take one by one. */
  private static final String UNSUPPORTED_SPELLING = new String("unsupported");

  /** What a character above the BMP normalizes to, or {@link #UNSUPPORTED_SPELLING}. */
  private String spelling(int cp) {
    return contextFree(cp) ? spell(new String(Character.toChars(cp))) : UNSUPPORTED_SPELLING;
  }

  /** The table entry of a BMP character: its normalized characters, or {@link #UNSUPPORTED}. */
  private long entry(char c) {
    if (!contextFree(c)) return COMPUTED | UNSUPPORTED;
    String spelled = spell(String.valueOf(c));
    if (spelled.length() > MAX_OUTPUT) return COMPUTED | UNSUPPORTED;
    long e = COMPUTED | ((long) spelled.length() << 48);
    for (int k = 0; k < spelled.length(); k++) e |= (long) spelled.charAt(k) << (16 * k);
    return e;
  }

  /** What the normalizer makes of a character alone. */
  private String spell(String character) {
    if (normalizer == null) return character;
    NormalizedString s = new NormalizedString(character, 0);
    normalizer.normalize(s);
    return s.get();
  }

  /**
   * Whether a character normalizes the same wherever it stands: always, unless accents are stripped
   * and its canonical decomposition keeps a mark of nonzero combining class, which canonical
   * reordering could move past its neighbours' marks.
   */
  private boolean contextFree(int cp) {
    if (normalizer == null || !(normalizer.stripAccents() == null ? normalizer.lowercase() : normalizer.stripAccents())) return true;
    NormalizedString s = new NormalizedString(new String(Character.toChars(cp)), 0);
    UnicodeNormalization.normalize(s, UnicodeNormalization.Form.NFD);
    return s.get().codePoints().allMatch(d -> UnicodeCategories.isMarkNonspacing(d) || UnicodeNormalization.combiningClass(d) == 0);
  }

  /** The word's ids: WordPiece's greedy matches, or the unknown token. */
  private int[] wordPiece(char[] word, int length) {
    int[] found = new int[2 * length];
    int count = model.match(word, 0, length, found);
    if (count < 0) return new int[] {model.unknownId()};
    int[] ids = new int[count];
    for (int i = 0; i < count; i++) ids[i] = found[2 * i];
    return ids;
  }
}
