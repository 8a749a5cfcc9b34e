package dev.toksmith.core.normalizers;

import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.core.unicode.NormalizedString;
import java.util.List;
import java.util.Map;

/**
 * Hugging Face's {@code Prepend} normalizer: puts a fixed string in front of any non-empty text; the
 * prefix takes the alignment of the first character (see {@link NormalizedString#prepend}).
 */
public final class Prepend implements Normalizer {
  /** The tokenizer.json type. */
  public static final String TYPE = "Prepend";

  private final String prefix;

  public Prepend(String prefix) {
    this.prefix = prefix;
  }

  public String prefix() {
    return prefix;
  }

  /** It changes only the ends of a text. */
  @Override
  public boolean cutsCleanlyAt(CharSequence text, int at) {
    return true;
  }

  @Override
  public void normalize(NormalizedString text) {
    text.prepend(prefix);
  }

  @Override
  public Stage describe() {
    return new Stage(TYPE, Map.of("prepend", prefix()), List.of());
  }
}
