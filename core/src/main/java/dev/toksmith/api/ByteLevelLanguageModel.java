package dev.toksmith.api;

/**
 * A token-level language model read as a model over bytes: exact next-byte probabilities after any
 * byte prefix, even one that ends inside a character or a token. Thread-safe; each {@link ByteState}
 * it starts is confined to one thread.
 *
 * <pre>{@code
 * ByteLevelLanguageModel bytes = LanguageModels.byteLevel(model, tokenizer);   // dev.toksmith
 * double[] next = bytes.start("the United Sta".getBytes(UTF_8)).nextByteLogProbs();
 * }</pre>
 */
public interface ByteLevelLanguageModel {
  /** The state after {@code prompt}, which may end anywhere, even inside a character. */
  ByteState start(byte[] prompt);
}
