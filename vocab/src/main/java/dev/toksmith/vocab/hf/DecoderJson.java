package dev.toksmith.vocab.hf;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.toksmith.core.decoders.ByteLevelDecoder;
import dev.toksmith.core.decoders.Decoder;
import dev.toksmith.vocab.TokenizerFormatException;
import java.io.IOException;
import java.util.Set;

/** tokenizer.json's {@code decoder}: reading and writing every decoder toksmith runs. */
final class DecoderJson {
  private DecoderJson() {}

  static Decoder read(JsonPath o) throws TokenizerFormatException {
    String type = o.string("type");
    if (!type.equals("ByteLevel")) throw JsonPath.unsupported(o, "decoder", type);
    o.allowOnly(Set.of("type", "add_prefix_space", "trim_offsets", "use_regex"));
    return ByteLevelDecoder.INSTANCE;
  }

  static void write(JsonGenerator g, Decoder d) throws IOException {
    if (d == null) {
      g.writeNull();
    } else if (d instanceof ByteLevelDecoder) {
      // The decoder ignores these settings; Hugging Face writes its defaults.
      JsonPath.writeByteLevel(g, true, true, true);
    } else {
      throw new TokenizerFormatException("cannot write decoder " + d.getClass().getSimpleName());
    }
  }

}
