package dev.toksmith.core.processors;

import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.core.models.ByteLevelAlphabet;
import dev.toksmith.core.pretokenizers.ByteLevel;
import java.util.List;

/**
 * Hugging Face's {@code ByteLevel} post-processor: with {@code trim_offsets}, a token's offsets skip
 * its leading and trailing spaces ({@code Ġ} or whitespace), except the single prefix space that
 * {@code add_prefix_space} put before the first token.
 */
public final class ByteLevelProcessor implements PostProcessor {
  /** The tokenizer.json type. */
  public static final String TYPE = "ByteLevel";

  private static final char SPACE = ByteLevelAlphabet.charOf(' ');

  private final boolean addPrefixSpace;
  private final boolean trimOffsets;
  private final boolean useRegex;

  public ByteLevelProcessor(boolean addPrefixSpace, boolean trimOffsets, boolean useRegex) {
    this.addPrefixSpace = addPrefixSpace;
    this.trimOffsets = trimOffsets;
    this.useRegex = useRegex;
  }

  public boolean addPrefixSpace() {
    return addPrefixSpace;
  }

  public boolean trimOffsets() {
    return trimOffsets;
  }

  public boolean useRegex() {
    return useRegex;
  }

  @Override
  public int addedTokens(boolean isPair) {
    return 0;
  }

  @Override
  public List<EncodingParts> processEncodings(List<EncodingParts> encodings, boolean addSpecialTokens) {
    if (trimOffsets) {
      for (EncodingParts e : encodings) {
        trimOffsets(e, addPrefixSpace);
        for (EncodingParts piece : e.overflowing()) trimOffsets(piece, addPrefixSpace);
      }
    }
    for (int i = 0; i < encodings.size(); i++) encodings.get(i).setSequenceId(i);
    return encodings;
  }

  /** Hugging Face's {@code process_offsets}, shared with {@link RobertaProcessing}. */
  static void trimOffsets(EncodingParts encoding, boolean addPrefixSpace) {
    for (int i = 0; i < encoding.size(); i++) {
      String token = encoding.token(i);
      int leading = 0;
      while (leading < token.length() && isSpace(token.charAt(leading))) leading++;
      int trailing = 0;
      while (trailing < token.length() && isSpace(token.charAt(token.length() - 1 - trailing))) trailing++;
      if (leading == 0 && trailing == 0) continue;
      int start = encoding.start(i);
      int end = encoding.end(i);
      if (leading > 0) {
        boolean isFirst = i == 0 || start == 0;
        if (isFirst && addPrefixSpace && leading == 1) leading = 0;
        start = Math.min(start + leading, end);
      }
      if (trailing > 0 && end >= trailing) end = Math.max(end - trailing, start);
      encoding.setOffsets(i, start, end);
    }
  }

  // Rust's char::is_whitespace is White_Space; the tokens hold byte characters, so real whitespace
  // only appears in added tokens.
  private static boolean isSpace(char c) {
    return c == SPACE || dev.toksmith.core.unicode.CharClasses.isWhiteSpace(c);
  }

  @Override
  public Stage describe() {
    return ByteLevel.describe(addPrefixSpace(), trimOffsets(), useRegex());
  }
}
