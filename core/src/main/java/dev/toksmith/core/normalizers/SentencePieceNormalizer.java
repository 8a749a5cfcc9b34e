package dev.toksmith.core.normalizers;

import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.core.unicode.NormalizedString;
import dev.toksmith.core.unicode.TokenTrie;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SentencePiece's own normalizer (normalizer.cc), as a {@code .model} file specifies it: from left to
 * right, a user-defined symbol is kept as it is, otherwise the longest charsmap key is replaced;
 * with {@code remove_extra_whitespaces}, leading, trailing and repeated spaces go; with {@code
 * add_dummy_prefix}, a space is put before the text (after it, when whitespace is a suffix); with
 * {@code escape_whitespaces}, spaces become {@code ▁} (U+2581).
 */
public final class SentencePieceNormalizer implements Normalizer {
  /** The tokenizer.json type. */
  public static final String TYPE = "SentencePiece";

  private static final String SPACE_SYMBOL = "\u2581";

  private final PrecompiledCharsmap charsmap;
  private final TokenTrie userDefined;
  private final boolean addDummyPrefix;
  private final boolean removeExtraWhitespaces;
  private final boolean escapeWhitespaces;
  private final boolean whitespaceAsSuffix;

  /**
   * @param charsmap the compiled rules, or null for none (the identity rule)
   * @param userDefinedSymbols symbols passed through unnormalized
   */
  public SentencePieceNormalizer(PrecompiledCharsmap charsmap, List<String> userDefinedSymbols, boolean addDummyPrefix, boolean removeExtraWhitespaces,
      boolean escapeWhitespaces, boolean whitespaceAsSuffix) {
    this.charsmap = charsmap;
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < userDefinedSymbols.size(); i++) ids.add(i);
    this.userDefined = new TokenTrie(userDefinedSymbols, ids);
    this.addDummyPrefix = addDummyPrefix;
    this.removeExtraWhitespaces = removeExtraWhitespaces;
    this.escapeWhitespaces = escapeWhitespaces;
    this.whitespaceAsSuffix = whitespaceAsSuffix;
  }

  /** The compiled rules, or null for the identity rule. */
  public PrecompiledCharsmap charsmap() {
    return charsmap;
  }

  public boolean addDummyPrefix() {
    return addDummyPrefix;
  }

  public boolean removeExtraWhitespaces() {
    return removeExtraWhitespaces;
  }

  public boolean escapeWhitespaces() {
    return escapeWhitespaces;
  }

  public boolean whitespaceAsSuffix() {
    return whitespaceAsSuffix;
  }

  /** One step of the reference's loop: {@code sourceChars} characters of input became {@code output}. */
  private record Segment(int sourceChars, String output) {}

  @Override
  public void normalize(NormalizedString text) {
    String s = text.get();
    List<Segment> segments = new ArrayList<>();
    int i = 0;
    // Leading prefixes that normalize to exactly one space are dropped.
    while (removeExtraWhitespaces && i < s.length()) {
      Segment prefix = normalizePrefix(s, i);
      if (!prefix.output().equals(" ")) break;
      segments.add(new Segment(prefix.sourceChars(), ""));
      i = advance(s, i, prefix.sourceChars());
    }
    boolean empty = i == s.length();
    String space = escapeWhitespaces ? SPACE_SYMBOL : " ";
    boolean previousIsSpace = removeExtraWhitespaces;
    int dummyAt = segments.size();
    while (i < s.length()) {
      Segment prefix = normalizePrefix(s, i);
      String sp = prefix.output();
      if (previousIsSpace) {
        int k = 0;
        while (k < sp.length() && sp.charAt(k) == ' ') k++;
        sp = sp.substring(k);
      }
      if (!sp.isEmpty()) previousIsSpace = sp.endsWith(" ");
      if (!removeExtraWhitespaces) previousIsSpace = false;
      segments.add(new Segment(prefix.sourceChars(), escapeWhitespaces ? sp.replace(" ", SPACE_SYMBOL) : sp));
      i = advance(s, i, prefix.sourceChars());
    }
    // Trailing spaces go, and so does the dummy prefix when nothing follows it (all the rest normalized to nothing).
    boolean prefixStays = !empty && addDummyPrefix && !whitespaceAsSuffix;
    if (removeExtraWhitespaces) prefixStays &= !stripTrailing(segments, space);
    Transformations out = new Transformations(s.length() + 1);
    for (int k = 0; k < segments.size(); k++) {
      if (k == dummyAt && prefixStays) out.insert(space.codePointAt(0));
      out.replace(segments.get(k).sourceChars(), segments.get(k).output(), true);
    }
    if (!empty && addDummyPrefix && whitespaceAsSuffix) out.insert(space.codePointAt(0));
    if (out.modified) text.transform(out.codePoints, out.changes, out.size, out.initialRemoved);
  }

  /**
   * The normalized text alone, without the alignment {@link #normalize} keeps: the same string,
   * made several times faster, for training on large corpora.
   */
  public String normalizedText(String s) {
    int i = 0;
    int n = s.length();
    while (removeExtraWhitespaces && i < n) {
      long key = prefixKey(s, i);
      String output = prefixOutput(s, i, key);
      if (!output.equals(" ")) break;
      i += key == -1 ? Character.charCount(s.codePointAt(i)) : (int) (key >>> 32);
    }
    if (i == n) return "";
    // Arrays rather than String.charAt and StringBuilder.append: the client compiler that training
    // runs on keeps their bounds and coder checks in this loop, which sees every character.
    char space = escapeWhitespaces ? SPACE_SYMBOL.charAt(0) : ' ';
    char[] in = s.toCharArray();
    char[] out = new char[n + 8];
    int length = 0;
    if (addDummyPrefix && !whitespaceAsSuffix) out[length++] = space;
    boolean previousIsSpace = removeExtraWhitespaces;
    boolean[] plain = charsmap == null ? null : charsmap.plainAscii();
    while (i < n) {
      char c = in[i];
      if (c < 0x80 && c != ' ' && (plain == null || plain[c]) && (i + 1 == n || in[i + 1] < 0x80) && (userDefined.isEmpty() || userDefined.longestAt(s, i) < 0)) {
        // The common case, taken without a trie walk: ASCII that no rule changes.
        if (length == out.length) out = Arrays.copyOf(out, 2 * length);
        out[length++] = c;
        previousIsSpace = false;
        i++;
        continue;
      }
      long key = prefixKey(s, i);
      int consumed = (int) (key >>> 32);
      if (key == -1) {
        // A character no rule and no symbol starts with, kept as it is.
        consumed = Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(in[i + 1]) ? 2 : 1;
        if (length + 2 > out.length) out = Arrays.copyOf(out, 2 * out.length);
        if (c == ' ') {
          if (!previousIsSpace) out[length++] = space;
          previousIsSpace = removeExtraWhitespaces;
        } else {
          out[length++] = c;
          if (consumed == 2) out[length++] = in[i + 1];
          previousIsSpace = false;
        }
      } else {
        String sp = prefixOutput(s, i, key);
        int start = 0;
        if (previousIsSpace) while (start < sp.length() && sp.charAt(start) == ' ') start++;
        if (start < sp.length()) {
          if (length + sp.length() > out.length) out = Arrays.copyOf(out, Math.max(2 * out.length, length + sp.length()));
          for (int k = start; k < sp.length(); k++) {
            char r = sp.charAt(k);
            out[length++] = r == ' ' ? space : r;
          }
          previousIsSpace = sp.charAt(sp.length() - 1) == ' ';
        }
        if (!removeExtraWhitespaces) previousIsSpace = false;
      }
      i += consumed;
    }
    if (removeExtraWhitespaces) while (length > 0 && out[length - 1] == space) length--;
    if (addDummyPrefix && whitespaceAsSuffix) {
      if (length == out.length) out = Arrays.copyOf(out, length + 1);
      out[length++] = space;
    }
    return new String(out, 0, length);
  }

  /**
   * What starts at {@code at}: -1 for no symbol and no rule; otherwise the length in UTF-16 units
   * shifted left by 32, and -1 in the low half for a user-defined symbol or the rule's pool offset.
   */
  private long prefixKey(String s, int at) {
    int symbol = userDefined.longestAt(s, at);
    if (symbol >= 0) return (long) userDefined.length(symbol) << 32 | 0xFFFFFFFFL;
    return charsmap == null ? -1 : charsmap.longestKey(s, at);
  }

  /** The output for a {@link #prefixKey} result at {@code at}. */
  private String prefixOutput(String s, int at, long key) {
    if (key == -1) return s.substring(at, at + Character.charCount(s.codePointAt(at)));
    int length = (int) (key >>> 32);
    return (int) key == -1 ? s.substring(at, at + length) : charsmap.replacementAt((int) key);
  }

  /** Drops the trailing space symbols of the output, whole or in part; returns whether no output is left. */
  private static boolean stripTrailing(List<Segment> segments, String space) {
    for (int k = segments.size() - 1; k >= 0; k--) {
      String output = segments.get(k).output();
      String kept = output;
      while (kept.endsWith(space)) kept = kept.substring(0, kept.length() - space.length());
      segments.set(k, new Segment(segments.get(k).sourceChars(), kept));
      if (!kept.isEmpty()) return false;
    }
    return true;
  }

  /** The reference's {@code NormalizePrefix}: a user-defined symbol, the longest key, or one character. */
  private Segment normalizePrefix(String s, int at) {
    int symbol = userDefined.longestAt(s, at);
    if (symbol >= 0) {
      int length = userDefined.length(symbol);
      return new Segment(s.codePointCount(at, at + length), s.substring(at, at + length));
    }
    PrecompiledCharsmap.Match key = charsmap == null ? null : charsmap.longestPrefix(s, at);
    if (key != null) return new Segment(s.codePointCount(at, at + key.length()), key.replacement());
    int cp = s.codePointAt(at);
    return new Segment(1, new String(Character.toChars(cp)));
  }

  private static int advance(String s, int at, int codePoints) {
    return s.offsetByCodePoints(at, codePoints);
  }

  @Override
  public Stage describe() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("precompiled_charsmap", charsmap() != null);
    p.put("remove_extra_whitespaces", removeExtraWhitespaces());
    p.put("add_dummy_prefix", addDummyPrefix());
    p.put("whitespace_as_suffix", whitespaceAsSuffix());
    p.put("escape_whitespaces", escapeWhitespaces());
    return new Stage(TYPE, p, List.of());
  }
}
