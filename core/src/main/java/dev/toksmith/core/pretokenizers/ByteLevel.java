package dev.toksmith.core.pretokenizers;

import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.core.unicode.NormalizedString;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hugging Face's {@code ByteLevel} pre-tokenizer: optionally prefixes a space, splits with GPT-2's
 * pattern, and hands the model each piece's bytes (HF spells them as the characters of {@link
 * dev.toksmith.core.models.ByteLevelAlphabet}; toksmith skips that detour).
 */
public final class ByteLevel implements PreTokenizer {
  /** The tokenizer.json type. */
  public static final String TYPE = "ByteLevel";

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

  /** With the GPT-2 pattern, its boundaries; without, one piece (a prefix space only at the start). */
  @Override
  public Boundary boundaryAt(CharSequence text, int at) {
    if (!useRegex) return Boundary.LOCAL;
    return Gpt2Pattern.INSTANCE.matchBoundaryAt(text, at) ? Boundary.ALWAYS : Boundary.UNKNOWN;
  }

  @Override
  public boolean byteLevel() {
    return true;
  }

  /**
   * Hugging Face's ByteLevel transform: every character becomes its UTF-8 bytes spelled as byte
   * characters, each aligned to the whole character (the first replaces it, the others are inserted).
   */
  static void spell(NormalizedString text) {
    String s = text.get();
    byte[] bytes = new byte[dev.toksmith.core.text.Utf8.maxBytes(s.length())];
    int[] charOfByte = new int[bytes.length];
    int n = dev.toksmith.core.text.Utf8.encode(s, 0, s.length(), false, bytes, 0, charOfByte);
    int[] cps = new int[n];
    int[] changes = new int[n];
    for (int i = 0; i < n; i++) {
      cps[i] = dev.toksmith.core.models.ByteLevelAlphabet.charOf(bytes[i] & 0xFF);
      changes[i] = i > 0 && charOfByte[i] == charOfByte[i - 1] ? 1 : 0;
    }
    text.transform(cps, changes, n);
  }

  /** A tokenizer.json {@code ByteLevel} (pre-tokenizer or post-processor) with these flags. */
  public static Stage describe(boolean addPrefixSpace, boolean trimOffsets, boolean useRegex) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("add_prefix_space", addPrefixSpace);
    p.put("trim_offsets", trimOffsets);
    p.put("use_regex", useRegex);
    return new Stage(TYPE, p, List.of());
  }

  @Override
  public Stage describe() {
    return describe(addPrefixSpace, trimOffsets, useRegex);
  }
}
