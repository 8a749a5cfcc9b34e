package dev.toksmith.core;

import dev.toksmith.core.unicode.NormalizedString;
import dev.toksmith.core.compiled.NormalizedAddedTokens;
import dev.toksmith.core.models.Model;
import dev.toksmith.core.normalizers.Normalizer;
import dev.toksmith.core.unicode.CharClasses;
import dev.toksmith.core.unicode.TokenTrie;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2IntLinkedOpenHashMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Tokens added on top of a model, and the two-pass matching Hugging Face does with them: tokens with
 * {@code normalized=false} are cut out of the raw text first, then each remaining segment is
 * normalized and tokens with {@code normalized=true} are cut out of that, leftmost-longest.
 * Immutable and thread-safe.
 */
public final class AddedVocabulary implements NormalizedAddedTokens {
  private final Object2IntLinkedOpenHashMap<String> idsByContent = new Object2IntLinkedOpenHashMap<>();
  private final Int2ObjectOpenHashMap<AddedToken> tokensById = new Int2ObjectOpenHashMap<>();
  private final Set<String> specialContents = new LinkedHashSet<>();
  private final TokenTrie rawTrie;
  private final TokenTrie normalizedTrie;

  /**
   * Adds {@code tokens} in order the way Hugging Face's {@code add_tokens} does when it loads a file
   * or finishes training: a token already in the model keeps the model's id, any other gets the
   * next id after the model and the tokens added before it.
   */
  public AddedVocabulary(List<AddedToken> tokens, Model model, Normalizer normalizer) {
    this(tokens, model, normalizer, Set.of());
  }

  /**
   * As {@link #AddedVocabulary(List, Model, Normalizer)}, but the special tokens in {@code
   * unmatched} are not matched in the text (tiktoken's special tokens that are not allowed, Hugging
   * Face's {@code split_special_tokens}): their text goes to the model; their ids still decode.
   */
  public AddedVocabulary(List<AddedToken> tokens, Model model, Normalizer normalizer, Set<String> unmatched) {
    List<AddedToken> specials = new ArrayList<>();
    List<AddedToken> classic = new ArrayList<>();
    for (AddedToken t : tokens) {
      if (t.special() && !t.content().isEmpty() && specialContents.add(t.content())) specials.add(t);
    }
    // The tokens tokensById holds, to skip one already there (as Hugging Face does) without scanning it.
    Set<AddedToken> held = new java.util.HashSet<>();
    int maxId = -1;
    for (AddedToken t : tokens) {
      if (t.content().isEmpty() || held.contains(t)) continue;
      int id = idsByContent.getOrDefault(t.content(), model.tokenToId(t.content()));
      if (id < 0) id = nextId(model, maxId);
      maxId = Math.max(maxId, id);
      idsByContent.put(t.content(), id);
      AddedToken replaced = tokensById.put(id, t);
      if (replaced != null) held.remove(replaced);
      held.add(t);
      if (!specialContents.contains(t.content())) classic.add(t);
    }
    // Matching order: special tokens first, then the others, each in the order given.
    List<String> raw = new ArrayList<>();
    List<Integer> rawIds = new ArrayList<>();
    List<String> norm = new ArrayList<>();
    List<Integer> normIds = new ArrayList<>();
    for (List<AddedToken> group : List.of(specials, classic)) {
      for (AddedToken t : group) {
        if (t.special() && unmatched.contains(t.content())) continue;
        int id = idsByContent.getInt(t.content());
        if (t.normalized()) {
          norm.add(normalizedForm(t.content(), normalizer));
          normIds.add(id);
        } else {
          raw.add(t.content());
          rawIds.add(id);
        }
      }
    }
    rawTrie = new TokenTrie(raw, rawIds);
    normalizedTrie = new TokenTrie(norm, normIds);
  }

  /** The id of a new token after those with ids up to {@code max} (-1 for none). */
  private static int nextId(Model model, int max) {
    int modelSize = model.vocabSize();
    if (max < 0) return modelSize;
    return max >= modelSize || modelSize == 0 ? max + 1 : modelSize;
  }

  private static String normalizedForm(String content, Normalizer normalizer) {
    if (normalizer == null) return content;
    NormalizedString s = new NormalizedString(content, 0);
    normalizer.normalize(s);
    return s.get();
  }

  public boolean isEmpty() {
    return idsByContent.isEmpty();
  }

  /** Number of distinct added contents. */
  public int size() {
    return idsByContent.size();
  }

  /** Id of an added token's content, or -1. */
  public int idOf(String content) {
    return idsByContent.getOrDefault(content, -1);
  }

  /** The added token with that id, or null. */
  public AddedToken tokenOf(int id) {
    return tokensById.get(id);
  }

  /** Added tokens in ascending id order, as tokenizer.json lists them. */
  public List<Integer> idsAscending() {
    List<Integer> ids = new ArrayList<>(tokensById.keySet());
    Collections.sort(ids);
    return ids;
  }

  public boolean isSpecialContent(String content) {
    return specialContents.contains(content);
  }

  /** Pass one: cuts tokens with {@code normalized=false} out of the raw text. */
  public void splitRaw(String text, Parts out) {
    split(text, rawTrie, out);
  }

  /** Pass two: cuts tokens with {@code normalized=true} out of a normalized segment. */
  @Override
  public void splitNormalized(String text, Parts out) {
    split(text, normalizedTrie, out);
  }

  /** Whether a token matched in the raw text could be in the UTF-8 {@code utf8[from, to)} (false: none is). */
  public boolean mayHaveRawTokens(byte[] utf8, int from, int to) {
    return rawTrie.mayMatchIn(utf8, from, to);
  }

  @Override
  public boolean mayHaveNormalizedTokens(byte[] utf8, int from, int to) {
    return normalizedTrie.mayMatchIn(utf8, from, to);
  }

  @Override
  public boolean hasNormalizedTokens() {
    return !normalizedTrie.isEmpty();
  }

  /** The longest added token in characters, as matched (raw, or normalized for normalized tokens). */
  public int maxLength() {
    return Math.max(rawTrie.maxLength(), normalizedTrie.maxLength());
  }

  /** Whether a token with {@code normalized=false} occurs anywhere in {@code text}. */
  public boolean occursRaw(String text) {
    return rawTrie.findLeftmostLongest(text, 0, new int[2]);
  }

  /** Whether a token with {@code normalized=true} occurs anywhere in the normalized {@code text}. */
  public boolean occursNormalized(String text) {
    return normalizedTrie.findLeftmostLongest(text, 0, new int[2]);
  }

  /** Hugging Face's {@code find_matches}: leftmost-longest matches, then the per-token options. */
  private void split(String text, TokenTrie trie, Parts out) {
    if (text.isEmpty()) {
      out.part(0, 0, -1);
      return;
    }
    int startOffset = 0;
    int pos = 0;
    int[] match = new int[2];
    while (trie.findLeftmostLongest(text, pos, match)) {
      int start = match[0];
      int stop = start + trie.length(match[1]);
      pos = stop;
      int id = trie.id(match[1]);
      AddedToken token = tokensById.get(id);
      if (token.singleWord()) {
        boolean startSpace = start == 0 || !CharClasses.isWordChar(Character.codePointBefore(text, start));
        boolean stopSpace = stop == text.length() || !CharClasses.isWordChar(Character.codePointAt(text, stop));
        if (!startSpace || !stopSpace) continue;
      }
      if (token.lstrip()) {
        // The previous match may already have taken these spaces.
        start = Math.max(whitespaceStartBefore(text, start), startOffset);
      }
      if (token.rstrip()) stop = whitespaceEndAfter(text, stop);
      if (startOffset < start) out.part(startOffset, start, -1);
      out.part(start, stop, id);
      startOffset = stop;
    }
    if (startOffset != text.length()) out.part(startOffset, text.length(), -1);
  }

  private static int whitespaceStartBefore(String text, int end) {
    int i = end;
    while (i > 0) {
      int cp = Character.codePointBefore(text, i);
      if (!CharClasses.isWhiteSpace(cp)) break;
      i -= Character.charCount(cp);
    }
    return i;
  }

  private static int whitespaceEndAfter(String text, int start) {
    int i = start;
    while (i < text.length()) {
      int cp = Character.codePointAt(text, i);
      if (!CharClasses.isWhiteSpace(cp)) break;
      i += Character.charCount(cp);
    }
    return i;
  }
}
