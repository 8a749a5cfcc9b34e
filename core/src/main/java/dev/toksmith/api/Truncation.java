package dev.toksmith.api;

/**
 * How long encodings are cut, as Hugging Face's {@code TruncationParams}: to at most {@code
 * maxLength} tokens including the special tokens the post-processor adds; what is cut becomes
 * overflowing encodings that overlap by {@code stride} tokens.
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
}
