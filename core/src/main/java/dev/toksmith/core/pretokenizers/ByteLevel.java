package dev.toksmith.core.pretokenizers;

import dev.toksmith.core.NormalizedString;

/**
 * Hugging Face's {@code ByteLevel} pre-tokenizer: optionally prefixes a space, splits with GPT-2's
 * pattern, and hands the model each piece's bytes (HF spells them as the characters of {@link
 * dev.toksmith.core.models.ByteLevelAlphabet}; toksmith skips that detour).
 */
public final class ByteLevel implements PreTokenizer {
  private final boolean addPrefixSpace;
  private final boolean useRegex;
  private final boolean trimOffsets;

  /**
   * @param addPrefixSpace prefix a space to every segment that does not start with one
   * @param useRegex split with GPT-2's pattern (otherwise the segment is one piece)
   * @param trimOffsets kept for serialization; offsets are trimmed by the post-processor, not here
   */
  public ByteLevel(boolean addPrefixSpace, boolean useRegex, boolean trimOffsets) {
    this.addPrefixSpace = addPrefixSpace;
    this.useRegex = useRegex;
    this.trimOffsets = trimOffsets;
  }

  public boolean addPrefixSpace() {
    return addPrefixSpace;
  }

  public boolean useRegex() {
    return useRegex;
  }

  public boolean trimOffsets() {
    return trimOffsets;
  }

  @Override
  public void preTokenize(NormalizedString segment, PieceSink pieces) {
    if (addPrefixSpace && !segment.get().startsWith(" ")) segment.prepend(" ");
    if (useRegex) {
      Split.split(segment, Gpt2Pattern.INSTANCE, SplitBehavior.ISOLATED, false, pieces);
    } else if (segment.length() > 0) {
      pieces.piece(segment, 0, segment.length());
    }
  }

  @Override
  public boolean byteLevel() {
    return true;
  }
}
