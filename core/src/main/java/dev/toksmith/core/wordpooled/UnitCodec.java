package dev.toksmith.core.wordpooled;

/**
 * Turns one word into unit ids and back. Unit ids are {@code 0..padId()-1}; the word-pooled layout
 * puts its pad and slot ids above them, so they never collide. Implementations are immutable.
 */
public interface UnitCodec {

  /** The units of {@code word}, each in {@code [0, padId())}. */
  int[] encode(String word);

  /**
   * The WTF-8 bytes (UTF-8, unpaired surrogates as their three bytes) of the word {@code units}
   * stand for.
   *
   * @throws IllegalArgumentException if a unit is not an id of this codec
   */
  byte[] decode(int[] units);

  /** One more than the largest unit id: the pad id of the layout. */
  int padId();

  /** A short description for {@code inspect}, e.g. {@code "UTF-8 bytes (ids 0..255)"}. */
  String describe();
}
