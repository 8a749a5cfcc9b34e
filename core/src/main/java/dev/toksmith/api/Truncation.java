package dev.toksmith.api;

/**
 * How long encodings are cut, as Hugging Face's {@code TruncationParams}: to at most {@code
 * maxLength} tokens including the special tokens the post-processor adds; what is cut becomes
 * overflowing encodings that overlap by {@code stride} tokens.
 *
 * <pre>{@code
 * Tokenizer cut = tokenizer.withTruncation(Truncation.of(512));
 * Encoding e = cut.encode(longText);  // at most 512 ids; e.overflowing() holds the rest
 * }</pre>
 *
 * @param maxLength the longest an encoding may be
 * @param stride tokens repeated between consecutive pieces (must stay below the room left for text)
 * @param strategy which sequence of a pair loses tokens
 * @param direction which end of a sequence is cut
 */
public record Truncation(int maxLength, int stride, Strategy strategy, Direction direction) {

  /** Which sequence of a pair is cut. */
  public enum Strategy {
    /** Cut the longer sequence first, then both evenly. */
    LONGEST_FIRST,
    /** Cut only the first sequence. */
    ONLY_FIRST,
    /** Cut only the second sequence. */
    ONLY_SECOND
  }

  /** Which end of a sequence (truncation) or where padding goes. */
  public enum Direction {
    /** The start of a sequence: tokens are cut from, or pad tokens put before, the beginning. */
    LEFT,
    /** The end of a sequence: tokens are cut from, or pad tokens put after, the end. */
    RIGHT
  }

  /** @throws IllegalArgumentException if a length is negative or a strategy or direction missing */
  public Truncation {
    if (maxLength < 0) throw new IllegalArgumentException("max length must not be negative: " + maxLength);
    if (stride < 0) throw new IllegalArgumentException("stride must not be negative: " + stride);
    if (strategy == null || direction == null) throw new IllegalArgumentException("strategy and direction are required");
  }

  /** Right-side, longest-first truncation to {@code maxLength} without stride. */
  public static Truncation of(int maxLength) {
    return new Truncation(maxLength, 0, Strategy.LONGEST_FIRST, Direction.RIGHT);
  }

  /**
   * A tokenizer's own truncation with some settings overridden, as a tool that lets its users change
   * a tokenizer file's settings wants: each null argument keeps {@code base}'s value or, when there
   * is no base, the default (no stride, longest first); the direction is always {@code base}'s
   * (right by default).
   *
   * <pre>{@code
   * Truncation t = Truncation.override(tokenizer.truncation(), 512, null, null);
   * tokenizer = tokenizer.withTruncation(t);  // the file's stride and strategy, 512 tokens
   * }</pre>
   *
   * @param base the tokenizer's truncation, or null when it has none
   * @throws IllegalArgumentException if neither {@code maxLength} nor {@code base} gives a max length
   */
  public static Truncation override(Truncation base, Integer maxLength, Integer stride, Strategy strategy) {
    if (maxLength == null && base == null) throw new IllegalArgumentException("truncation needs a max length");
    return new Truncation(
        maxLength != null ? maxLength : base.maxLength(),
        stride != null ? stride : base != null ? base.stride() : 0,
        strategy != null ? strategy : base != null ? base.strategy() : Strategy.LONGEST_FIRST,
        base != null ? base.direction() : Direction.RIGHT);
  }
}
