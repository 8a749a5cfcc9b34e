package dev.toksmith.core.decoders;

import java.util.List;

/** Hugging Face's decoder {@code Sequence}: each decoder works on the pieces of the one before. */
public final class DecoderSequence implements Decoder {
  private final List<Decoder> decoders;

  public DecoderSequence(List<Decoder> decoders) {
    this.decoders = List.copyOf(decoders);
  }

  public List<Decoder> decoders() {
    return decoders;
  }

  @Override
  public List<String> decodeChain(List<String> tokens) {
    List<String> pieces = tokens;
    for (Decoder decoder : decoders) pieces = decoder.decodeChain(pieces);
    return pieces;
  }
}
