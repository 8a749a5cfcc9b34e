package dev.toksmith.core.reference;

import ai.djl.huggingface.tokenizers.jni.CharSpan;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;
import java.util.ArrayList;
import java.util.List;

/**
 * Hugging Face's Rust tokenizer driven through DJL's raw JNI calls, so that the tokenizer.json's own
 * truncation and padding apply (DJL's Java wrapper overrides them) and every field of the encoding
 * can be compared: type ids, word ids, sequence ids, masks and overflowing pieces.
 */
public final class HfRawReference implements AutoCloseable {
  private final long handle;

  private HfRawReference(long handle) {
    this.handle = handle;
  }

  /** Loads a tokenizer.json text; skips the test when the native library cannot load. */
  public static HfRawReference load(String tokenizerJson) {
    // HfReference loads and checks the native library once; after that the raw calls work.
    HfReference.load(HfReference.MINIMAL_TOKENIZER).close();
    return new HfRawReference(TokenizersLibrary.LIB.createTokenizerFromString(tokenizerJson));
  }

  /**
   * Every field of one encoding. Offsets are the reference's: code point indices into the sequence
   * each token came from, -1 without a span. (Which sequence is not always recoverable from the
   * sequence ids of overflowing pieces, so they are not converted to UTF-16; compare on text without
   * supplementary characters, where both units agree.)
   */
  public record Full(long[] ids, String[] tokens, long[] typeIds, long[] wordIds, long[] sequenceIds, long[] specialTokensMask,
      long[] attentionMask, int[] starts, int[] ends, List<Full> overflowing) {}

  /** Encodes {@code text}, or the pair {@code (text, pair)} when {@code pair} is not null. */
  public Full encode(String text, String pair, boolean addSpecialTokens) {
    long encoding = pair == null
        ? TokenizersLibrary.LIB.encode(handle, text, addSpecialTokens)
        : TokenizersLibrary.LIB.encodeDual(handle, text, pair, addSpecialTokens);
    try {
      return read(encoding);
    } finally {
      TokenizersLibrary.LIB.deleteEncoding(encoding);
    }
  }

  private static Full read(long encoding) {
    TokenizersLibrary lib = TokenizersLibrary.LIB;
    CharSpan[] spans = lib.getTokenCharSpans(encoding);
    int[] starts = new int[spans.length];
    int[] ends = new int[spans.length];
    for (int t = 0; t < spans.length; t++) {
      starts[t] = spans[t] == null ? -1 : spans[t].getStart();
      ends[t] = spans[t] == null ? -1 : spans[t].getEnd();
    }
    List<Full> overflowing = new ArrayList<>();
    for (long o : lib.getOverflowing(encoding)) {
      try {
        overflowing.add(read(o));
      } finally {
        lib.deleteEncoding(o);
      }
    }
    return new Full(lib.getTokenIds(encoding), lib.getTokens(encoding), lib.getTypeIds(encoding), lib.getWordIds(encoding), lib.getSequenceIds(encoding),
        lib.getSpecialTokenMask(encoding), lib.getAttentionMask(encoding), starts, ends, overflowing);
  }

  @Override
  public void close() {
    TokenizersLibrary.LIB.deleteTokenizer(handle);
  }
}
