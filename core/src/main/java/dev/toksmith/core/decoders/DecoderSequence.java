package dev.toksmith.core.decoders;

import dev.toksmith.api.TokenizerDescription.Stage;
import java.util.List;
import java.util.Map;

/** Hugging Face's decoder {@code Sequence}: each decoder works on the pieces of the one before. */
public final class DecoderSequence implements Decoder {
  /** The tokenizer.json type. */
  public static final String TYPE = "Sequence";

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

  @Override
  public Stage describe() {
    return new Stage(TYPE, Map.of(), decoders().stream().map(Decoder::describe).toList());
  }
}
