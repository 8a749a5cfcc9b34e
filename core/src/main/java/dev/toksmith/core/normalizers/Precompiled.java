package dev.toksmith.core.normalizers;

import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.core.text.Utf8;
import dev.toksmith.core.text.Utf8Chars;
import dev.toksmith.core.unicode.GraphemeClusters;
import dev.toksmith.core.unicode.NormalizedString;
import java.util.Arrays;

/**
 * Normalization by a SentencePiece {@link PrecompiledCharsmap}, in one of two ways:
 *
 * <ul>
 *   <li>{@link Mode#HUGGING_FACE}, the {@code Precompiled} normalizer of Hugging Face's tokenizer.json:
 *       text is taken one extended grapheme cluster at a time; a cluster shorter than 6 UTF-8 bytes
 *       whose start is a key is replaced whole by the replacement of the shortest such key (the rest of
 *       the cluster is dropped); otherwise each character that is a key is replaced on its own.
 *   <li>{@link Mode#SENTENCEPIECE}, SentencePiece's own normalizer: from left to right, the longest key
 *       at the current position is replaced, and a position without a key keeps its character.
 * </ul>
 *
 * <p>Alignment follows the reference's bookkeeping for Hugging Face mode: a replacement's characters
 * replace the characters they stand for one by one, extra ones are inserted, and missing ones are
 * removed after the last character emitted so far; a removal with nothing emitted before it is not
 * recorded, which shifts the alignment of what follows, as in the reference. SentencePiece mode removes
 * such leading characters properly.
 */
public final class Precompiled implements Normalizer {
  /** The tokenizer.json type. */
  public static final String TYPE = "Precompiled";

  /** Which program's way of applying the charsmap. */
  public enum Mode {
    HUGGING_FACE,
    SENTENCEPIECE
  }

  /** Hugging Face tries a whole cluster only below this many UTF-8 bytes. */
  private static final int MAX_CLUSTER_BYTES = 5;

  private final PrecompiledCharsmap charsmap;
  private final Mode mode;

  public Precompiled(PrecompiledCharsmap charsmap, Mode mode) {
    this.charsmap = charsmap;
    this.mode = mode;
  }

  public PrecompiledCharsmap charsmap() {
    return charsmap;
  }

  public Mode mode() {
    return mode;
  }

  /**
   * Hugging Face's mode maps whole grapheme clusters, and two ASCII characters (other than CR LF) are
   * always two clusters; SentencePiece's longest keys may reach across.
   */
  @Override
  public boolean cutsCleanlyAt(CharSequence text, int at) {
    if (mode != Mode.HUGGING_FACE || at == 0 || at >= text.length()) return false;
    char before = text.charAt(at - 1);
    char after = text.charAt(at);
    return before < 0x80 && after < 0x80 && !(before == '\r' && after == '\n');
  }

  /** Unchanged unless some key of the rules is a prefix of the text at some character. */
  @Override
  public boolean leavesUnchanged(byte[] utf8, int from, int to, boolean raw) {
    for (int i = from; i < to; ) {
      if (charsmap.keyAt(utf8, i, to, raw)) return false;
      i += Utf8Chars.length(Utf8Chars.at(utf8, i, to, raw));
    }
    return true;
  }

  @Override
  public void normalize(NormalizedString text) {
    String s = text.get();
    byte[] utf8 = Utf8.encode(s);
    if (leavesUnchanged(utf8, 0, utf8.length, false)) return;
    Transformations out = new Transformations(s.length());
    if (mode == Mode.HUGGING_FACE) {
      normalizeByClusters(s, out);
    } else {
      normalizeByLongestKeys(s, out);
    }
    if (out.modified) text.transform(out.codePoints, out.changes, out.size, out.initialRemoved);
  }

  private void normalizeByClusters(String s, Transformations out) {
    for (int start = 0; start < s.length(); ) {
      int end = GraphemeClusters.clusterEnd(s, start);
      String whole = utf8Length(s, start, end) <= MAX_CLUSTER_BYTES ? charsmap.shortestPrefixReplacement(s, start, end) : null;
      if (whole != null) {
        out.replace(s.codePointCount(start, end), whole, false);
      } else {
        for (int i = start; i < end; ) {
          int cp = s.codePointAt(i);
          int next = i + Character.charCount(cp);
          String replacement = charsmap.shortestPrefixReplacement(s, i, next);
          if (replacement != null) {
            out.replace(1, replacement, false);
          } else {
            out.keep(cp);
          }
          i = next;
        }
      }
      start = end;
    }
  }

  private void normalizeByLongestKeys(String s, Transformations out) {
    for (int i = 0; i < s.length(); ) {
      PrecompiledCharsmap.Match match = charsmap.longestPrefix(s, i);
      if (match == null) {
        int cp = s.codePointAt(i);
        out.keep(cp);
        i += Character.charCount(cp);
      } else {
        out.replace(s.codePointCount(i, i + match.length()), match.replacement(), true);
        i += match.length();
      }
    }
  }

  private static int utf8Length(String s, int from, int to) {
    int bytes = 0;
    for (int i = from; i < to; ) {
      int cp = s.codePointAt(i);
      bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      i += Character.charCount(cp);
    }
    return bytes;
  }

  @Override
  public Stage describe() {
    return Stage.of(TYPE);
  }
}
