package dev.toksmith.core.processors;

import dev.toksmith.api.Encoding;
import dev.toksmith.api.Padding;
import dev.toksmith.api.Truncation;
import java.util.List;

/**
 * Hugging Face's {@code post_process}, shared by every tokenizer: truncate (leaving room for the
 * special tokens the post-processor will add), run the post-processor, pad.
 */
public final class PostProcessing {
  private PostProcessing() {}

  /**
   * @param pair the second sequence, or null
   * @param postProcessor null for Hugging Face's default (a pair is joined as sequences 0 and 1)
   * @param truncation null for none
   * @param padding null for none
   * @throws IllegalArgumentException when the truncation cannot be done
   */
  public static EncodingParts apply(EncodingParts encoding, EncodingParts pair, boolean addSpecialTokens, PostProcessor postProcessor, Truncation truncation, Padding padding) {
    if (truncation != null) {
      int added = addSpecialTokens && postProcessor != null ? postProcessor.addedTokens(pair != null) : 0;
      if (added > truncation.maxLength()) {
        throw new IllegalArgumentException("max length " + truncation.maxLength() + " leaves no room for the " + added + " special tokens");
      }
      Truncations.truncate(encoding, pair, truncation.maxLength() - added, truncation);
    }
    EncodingParts processed = postProcessor != null
        ? postProcessor.process(encoding, pair, addSpecialTokens)
        : PostProcessor.defaultProcess(encoding, pair);
    if (padding != null) Truncations.pad(List.of(processed), padding);
    return processed;
  }

  /** Hugging Face's check when truncation is set: the stride must fit the room left for text. */
  public static void checkStride(Truncation truncation, int addedTokens) {
    int room = truncation.maxLength() - addedTokens;
    if (room < truncation.stride()) {
      throw new IllegalArgumentException("truncation stride " + truncation.stride() + " is larger than the " + room + " tokens max length " + truncation.maxLength()
          + " leaves after " + addedTokens + " special tokens");
    }
  }

  /** Hugging Face pads a batch once more, so that "longest" means the longest of the batch. */
  public static List<Encoding> padBatch(List<EncodingParts> encodings, Padding padding) {
    if (padding != null) Truncations.pad(encodings, padding);
    return encodings.stream().map(EncodingParts::toEncoding).toList();
  }
}
