package dev.toksmith.core.decoders;

import dev.toksmith.api.TokenizerDescription.Stage;
import java.util.List;

/** Hugging Face's {@code Fuse} decoder: all pieces become one, for decoders that need the whole text. */
public final class FuseDecoder implements Decoder {
  public static final FuseDecoder INSTANCE = new FuseDecoder();

  private FuseDecoder() {}

  @Override
  public List<String> decodeChain(List<String> tokens) {
    return List.of(String.join("", tokens));
  }

  @Override
  public Stage describe() {
    return Stage.of("Fuse");
  }
}
