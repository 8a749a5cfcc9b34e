package dev.toksmith.api;

/**
 * How encodings are padded, as Hugging Face's {@code PaddingParams}: to a fixed length, or in a batch
 * to its longest encoding, then up to a multiple; pad tokens get attention mask 0 and special-token
 * mask 1.
 *
 * <pre>{@code
 * Tokenizer padded = tokenizer.withPadding(Padding.batchLongest(0, "<pad>"));
 * List<Encoding> batch = padded.encodeBatch(List.of("a", "a longer text"), true); // equal lengths
 * }</pre>
 *
 * @param length the fixed length, or 0 to pad a batch to its longest encoding
 * @param direction where pad tokens go
 * @param padToMultipleOf round the length up to a multiple of this, or 0
 * @param padId id of the pad token
 * @param padTypeId type id of the pad tokens
 * @param padToken the pad token's text
 */
public record Padding(int length, Truncation.Direction direction, int padToMultipleOf, int padId, int padTypeId, String padToken) {
  /**
   * The longest padded length: every encoding would hold this many tokens, so a length no model has
   * (a file asking for two billion) must not cost gigabytes per text.
   */
  public static final int MAX_LENGTH = 1 << 20;

  /** @throws IllegalArgumentException if a length is negative or beyond {@link #MAX_LENGTH}, or the direction or pad token missing */
  public Padding {
    if (length < 0) throw new IllegalArgumentException("padding length must not be negative: " + length);
    if (length > MAX_LENGTH) throw new IllegalArgumentException("a padding length of " + length + " is more than the " + MAX_LENGTH + " toksmith pads to");
    if (padToMultipleOf < 0) throw new IllegalArgumentException("pad-to-multiple-of must not be negative: " + padToMultipleOf);
    if (padToMultipleOf > MAX_LENGTH) throw new IllegalArgumentException("pad-to-multiple-of " + padToMultipleOf + " is more than the " + MAX_LENGTH + " toksmith pads to");
    if (direction == null || padToken == null) throw new IllegalArgumentException("direction and pad token are required");
  }

  /** Pads each batch, on the right, to its longest encoding with {@code padToken}, whose id is {@code padId}. */
  public static Padding batchLongest(int padId, String padToken) {
    return new Padding(0, Truncation.Direction.RIGHT, 0, padId, 0, padToken);
  }

  /** Pads every encoding, on the right, to {@code length} tokens with {@code padToken}, whose id is {@code padId}. */
  public static Padding fixed(int length, int padId, String padToken) {
    if (length == 0) throw new IllegalArgumentException("a fixed padding length must be positive");
    return new Padding(length, Truncation.Direction.RIGHT, 0, padId, 0, padToken);
  }

  /** This padding, then rounded up to a multiple of {@code multiple} (0 for none). */
  public Padding withMultipleOf(int multiple) {
    return new Padding(length, direction, multiple, padId, padTypeId, padToken);
  }

  /** This padding with pad tokens on the given side. */
  public Padding withDirection(Truncation.Direction side) {
    return new Padding(length, side, padToMultipleOf, padId, padTypeId, padToken);
  }

  /** Whether a batch is padded to its longest encoding rather than to a fixed length. */
  public boolean toLongest() {
    return length == 0;
  }

  /**
   * A tokenizer's own padding with some settings overridden, as a tool that lets its users change a
   * tokenizer file's settings wants: each null argument keeps {@code base}'s value or, when there is
   * no base, the default (no multiple); the direction and pad type id are always {@code base}'s
   * (right and 0 by default).
   *
   * <pre>{@code
   * Padding p = Padding.override(tokenizer.padding(), 128, null, null, null); // the file's pad token, 128 long
   * List<Encoding> batch = tokenizer.withPadding(p).encodeBatch(texts, true);
   * }</pre>
   *
   * @param base the tokenizer's padding, or null when it has none
   * @param length 0 to pad a batch to its longest encoding, a fixed length, or null for {@code base}'s
   * @param padId the pad token's id, given with its text {@code padToken}, or null for {@code base}'s
   * @throws IllegalArgumentException if neither the arguments nor {@code base} give a length or a pad
   *     token, or only one of {@code padId} and {@code padToken} is given
   */
  public static Padding override(Padding base, Integer length, Integer padToMultipleOf, Integer padId, String padToken) {
    if ((padId == null) != (padToken == null)) throw new IllegalArgumentException("a pad id comes with its token");
    if (length == null && base == null) throw new IllegalArgumentException("padding needs a length (0 for the longest of a batch)");
    if (padId == null && base == null) throw new IllegalArgumentException("padding needs a pad token");
    return new Padding(
        length != null ? length : base.length(),
        base != null ? base.direction() : Truncation.Direction.RIGHT,
        padToMultipleOf != null ? padToMultipleOf : base != null ? base.padToMultipleOf() : 0,
        padId != null ? padId : base.padId(),
        base != null ? base.padTypeId() : 0,
        padId != null ? padToken : base.padToken());
  }
}
