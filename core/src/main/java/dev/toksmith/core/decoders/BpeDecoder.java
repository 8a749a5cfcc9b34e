package dev.toksmith.core.decoders;

import java.util.ArrayList;
import java.util.List;

/**
 * Hugging Face's {@code BPEDecoder}: the end-of-word suffix becomes a space, except in the last
 * token, where it is removed.
 */
public final class BpeDecoder implements Decoder {
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
}
