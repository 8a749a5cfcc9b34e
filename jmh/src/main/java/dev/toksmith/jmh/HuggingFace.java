package dev.toksmith.jmh;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Hugging Face's Rust tokenizers (0.21.4) through DJL's JNI binding, loaded from a tokenizer.json,
 * adding no special tokens, truncating and padding nothing.
 */
final class HuggingFace implements AutoCloseable {
  private final HuggingFaceTokenizer tokenizer;
  private final long handle;

  HuggingFace(String tokenizerJson) throws IOException {
    System.setProperty("ai.djl.offline", "true");
    Path file = Files.createTempFile("toksmith-bench", ".json");
    try {
      Files.writeString(file, tokenizerJson, StandardCharsets.UTF_8);
      tokenizer = HuggingFaceTokenizer.builder().optTokenizerPath(file).optAddSpecialTokens(false).optTruncation(false).optPadding(false).build();
    } finally {
      Files.delete(file);
    }
    handle = tokenizer.getHandle();
  }

  /**
   * The ids of {@code text} through DJL's public API, as a JVM user calls it: DJL's {@code Encoding}
   * copies every token's string, span and masks into Java as well.
   */
  long[] encode(String text) {
    return tokenizer.encode(text).getIds();
  }

  /**
   * The ids of {@code text} through DJL's JNI entry points, asking the Rust side for the ids only: the
   * fastest way a JVM user reaches Hugging Face.
   */
  long[] ids(String text) {
    long encoding = TokenizersLibrary.LIB.encode(handle, text, false);
    try {
      return TokenizersLibrary.LIB.getTokenIds(encoding);
    } finally {
      TokenizersLibrary.LIB.deleteEncoding(encoding);
    }
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
