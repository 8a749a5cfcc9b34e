package dev.toksmith.core.decoders;

import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.core.text.Utf8;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Hugging Face's {@code ByteFallback} decoder: consecutive byte tokens ({@code <0xE2>}) become the
 * text they spell when their bytes are valid UTF-8 together, and otherwise one U+FFFD per byte;
 * other tokens pass through.
 */
public final class ByteFallbackDecoder implements Decoder {
  public static final ByteFallbackDecoder INSTANCE = new ByteFallbackDecoder();

  private ByteFallbackDecoder() {}

  @Override
  public List<String> decodeChain(List<String> tokens) {
    List<String> out = new ArrayList<>(tokens.size());
    ByteArrayOutputStream pending = new ByteArrayOutputStream();
    for (String token : tokens) {
      int b = byteOf(token);
      if (b >= 0) {
        pending.write(b);
        continue;
      }
      flush(pending, out);
      out.add(token);
    }
    flush(pending, out);
    return out;
  }

  private static void flush(ByteArrayOutputStream pending, List<String> out) {
    if (pending.size() == 0) return;
    byte[] bytes = pending.toByteArray();
    if (Utf8.isValid(bytes)) {
      out.add(Utf8.decode(bytes));
    } else {
      for (int i = 0; i < bytes.length; i++) out.add("\uFFFD");
    }
    pending.reset();
  }

  /**
   * The byte a token {@code <0xHH>} stands for, or -1. Parsed as Rust's {@code u8::from_str_radix}
   * does, which also takes a plus sign: {@code <0x+A>} is byte 0x0A.
   */
  public static int byteOf(String token) {
    if (token.length() != 6 || !token.startsWith("<0x") || token.charAt(5) != '>') return -1;
    char first = token.charAt(3);
    int low = Character.digit(token.charAt(4), 16);
    if (low < 0 || token.charAt(4) > 0x7F) return -1;
    if (first == '+') return low;
    int high = Character.digit(first, 16);
    return high < 0 || first > 0x7F ? -1 : high * 16 + low;
  }

  @Override
  public Stage describe() {
    return Stage.of("ByteFallback");
  }
}
