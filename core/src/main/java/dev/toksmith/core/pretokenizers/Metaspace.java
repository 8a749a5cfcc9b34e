package dev.toksmith.core.pretokenizers;

import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.core.unicode.NormalizedString;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Hugging Face's {@code Metaspace} pre-tokenizer (SentencePiece style): every space becomes the
 * replacement character ({@code ▁} usually), a replacement is prepended as the scheme says, and the
 * text is split before each replacement character.
 */
public final class Metaspace implements PreTokenizer {
  /** The tokenizer.json type. */
  public static final String TYPE = "Metaspace";

  /** The default replacement character, U+2581. */
  public static final int DEFAULT_REPLACEMENT = '\u2581';

  /** When the replacement character is put in front of a piece that does not start with one. */
  public enum PrependScheme {
    /** Always. */
    ALWAYS,
    /** Never. */
    NEVER,
    /**
     * Only on text that starts at the beginning of the input (original offset 0), not after an added
     * token nor on the later pieces of an earlier split.
     */
    FIRST
  }

  private final int replacement;
  private final String replacementText;
  private final SplitPattern replacementPattern;
  private final PrependScheme prependScheme;
  private final boolean split;

  /**
   * @param replacement the code point that stands for a space
   * @param split split before each replacement character (otherwise the text stays one piece)
   */
  public Metaspace(int replacement, PrependScheme prependScheme, boolean split) {
    this.replacement = replacement;
    this.replacementText = Character.toString(replacement);
    this.replacementPattern = CodePointPattern.of(replacement);
    this.prependScheme = prependScheme;
    this.split = split;
  }

  public int replacement() {
    return replacement;
  }

  public PrependScheme prependScheme() {
    return prependScheme;
  }

  public boolean split() {
    return split;
  }

  /**
   * Splitting, a space (or the replacement character) starts a piece; not splitting, the segment is
   * one piece. The prefix is added only at a segment's start.
   */
  @Override
  public Boundary boundaryAt(CharSequence text, int at) {
    if (!split) return Boundary.LOCAL;
    boolean space = at < text.length() && (text.charAt(at) == ' ' || Character.codePointAt(text, at) == replacement);
    return space ? Boundary.ALWAYS : Boundary.UNKNOWN;
  }

  @Override
  public void preTokenize(NormalizedString segment, PieceSink pieces) {
    replaceSpaces(segment);
    boolean startsWithReplacement = segment.length() > 0 && segment.get().codePointAt(0) == replacement;
    boolean prepend = switch (prependScheme) {
      case ALWAYS -> !startsWithReplacement;
      case FIRST -> !startsWithReplacement && segment.originalBase() == 0;
      case NEVER -> false;
    };
    if (prepend) segment.prepend(replacementText);
    if (split) {
      Split.split(segment, replacementPattern, SplitBehavior.MERGED_WITH_NEXT, false, pieces);
    } else if (segment.length() > 0) {
      pieces.piece(segment, 0, segment.length());
    }
  }

  /**
   * Hugging Face's {@code replace(' ', replacement)} in one pass: each replacement character takes
   * the alignment of the space it replaces, as it does there.
   */
  private void replaceSpaces(NormalizedString segment) {
    String text = segment.get();
    if (text.indexOf(' ') < 0) return;
    int[] codePoints = text.codePoints().map(cp -> cp == ' ' ? replacement : cp).toArray();
    segment.transform(codePoints, new int[codePoints.length], codePoints.length);
  }

  @Override
  public Stage describe() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("replacement", Character.toString(replacement()));
    p.put("prepend_scheme", prependScheme().name().toLowerCase(Locale.ROOT));
    p.put("split", split());
    return new Stage(TYPE, p, List.of());
  }
}
