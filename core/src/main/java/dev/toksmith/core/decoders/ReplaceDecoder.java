package dev.toksmith.core.decoders;

import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.core.normalizers.Replace;
import dev.toksmith.core.pretokenizers.SplitPattern;
import dev.toksmith.core.pretokenizers.SplitPatterns;
import java.util.ArrayList;
import java.util.List;

/**
 * Hugging Face's {@code Replace} decoder: every match of a literal or a regex in each token is
 * replaced by {@code content}, taken literally ({@code $1} is not a group reference in 0.21).
 */
public final class ReplaceDecoder implements Decoder {
  /** The tokenizer.json type. */
  public static final String TYPE = "Replace";

  private final String patternText;
  private final boolean regex;
  private final String content;
  private final SplitPattern pattern;

  /**
   * @param patternText the regex or literal string to replace
   * @param regex whether {@code patternText} is a regex (tokenizer.json's {@code Regex}) or a literal ({@code String})
   * @throws java.util.regex.PatternSyntaxException if the regex does not compile
   */
  public ReplaceDecoder(String patternText, boolean regex, String content) {
    this.patternText = patternText;
    this.regex = regex;
    this.content = content;
    if (regex) this.pattern = SplitPatterns.regex(patternText);
    else this.pattern = SplitPatterns.literal(patternText);
  }

  public String patternText() {
    return patternText;
  }

  public boolean isRegex() {
    return regex;
  }

  public String content() {
    return content;
  }

  @Override
  public List<String> decodeChain(List<String> tokens) {
    List<String> out = new ArrayList<>(tokens.size());
    for (String token : tokens) {
      // The reference finds no match at all in an empty token, even for a pattern that matches "".
      if (token.isEmpty()) {
        out.add(token);
        continue;
      }
      StringBuilder text = new StringBuilder(token.length());
      int[] previousEnd = {0};
      pattern.findMatches(token, (start, end) -> {
        text.append(token, previousEnd[0], start).append(content);
        previousEnd[0] = end;
      });
      out.add(text.append(token, previousEnd[0], token.length()).toString());
    }
    return out;
  }

  @Override
  public Stage describe() {
    return Replace.describe(patternText(), isRegex(), content());
  }
}
