package dev.toksmith.api;

/**
 * How encodings are padded, as Hugging Face's {@code PaddingParams}: to a fixed length, or in a batch
 * to its longest encoding, then up to a multiple; pad tokens get attention mask 0 and special-token
 * mask 1.
 *
 * @param length the fixed length, or 0 to pad a batch to its longest encoding
 * @param direction where pad tokens go
 * @param padToMultipleOf round the length up to a multiple of this, or 0
 * @param padId id of the pad token
 * @param padTypeId type id of the pad tokens
 * @param padToken the pad token's text
 */
public record Padding(int length, Truncation.Direction direction, int padToMultipleOf, int padId, int padTypeId, String padToken) {
  public Padding {
    if (length < 0) throw new IllegalArgumentException("padding length must not be negative: " + length);
    if (padToMultipleOf < 0) throw new IllegalArgumentException("pad-to-multiple-of must not be negative: " + padToMultipleOf);
    if (direction == null || padToken == null) throw new IllegalArgumentException("direction and pad token are required");
  }

  /** Whether a batch is padded to its longest encoding rather than to a fixed length. */
  public boolean toLongest() {
    return length == 0;
  }
}
