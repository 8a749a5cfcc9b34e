package dev.toksmith.core.decoders;

import dev.toksmith.api.TokenizerDescription.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Hugging Face's {@code BPEDecoder}: the end-of-word suffix becomes a space, except in the last
 * token, where it is removed.
 */
public final class BpeDecoder implements Decoder {
  /** The tokenizer.json type. */
  public static final String TYPE = "BPEDecoder";

  private final String suffix;

  public BpeDecoder(String suffix) {
    this.suffix = suffix;
  }

  public String suffix() {
    return suffix;
  }

  @Override
  public List<String> decodeChain(List<String> tokens) {
    List<String> out = new ArrayList<>(tokens.size());
    for (int i = 0; i < tokens.size(); i++) {
      out.add(RustStrings.replace(tokens.get(i), suffix, i == tokens.size() - 1 ? "" : " "));
    }
    return out;
  }

  @Override
  public Stage describe() {
    return new Stage(TYPE, Map.of("suffix", suffix()), List.of());
  }
}
