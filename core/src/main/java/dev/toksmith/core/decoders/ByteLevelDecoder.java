package dev.toksmith.core.decoders;

import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.core.models.ByteLevelAlphabet;
import dev.toksmith.core.text.Utf8;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Hugging Face's {@code ByteLevel} decoder: every token made only of byte characters stands for those
 * bytes; any other token (an added token such as {@code <mask> x} with a real space) stands for its
 * own UTF-8. The bytes of all tokens together are then decoded as UTF-8.
 */
public final class ByteLevelDecoder implements Decoder {
  /** The tokenizer.json type. */
  public static final String TYPE = "ByteLevel";

  public static final ByteLevelDecoder INSTANCE = new ByteLevelDecoder();

  private ByteLevelDecoder() {}

  /** The bytes one token stands for. */
  public byte[] bytesOf(String token) {
    byte[] bytes = ByteLevelAlphabet.unspell(token);
    return bytes != null ? bytes : token.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public List<String> decodeChain(List<String> tokens) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String t : tokens) out.writeBytes(bytesOf(t));
    return List.of(Utf8.decode(out.toByteArray()));
  }

  @Override
  public Stage describe() {
    return Stage.of(TYPE);
  }
}
