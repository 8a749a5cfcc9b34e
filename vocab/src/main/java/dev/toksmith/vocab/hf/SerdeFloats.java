package dev.toksmith.vocab.hf;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * JSON numbers as Hugging Face reads them. Its serde_json is built without the float_roundtrip
 * feature: a literal's digits become an unsigned 64-bit significand (digits past that range are
 * dropped), which is converted to a double and then multiplied or divided once by a power of ten.
 * The result is often a unit in the last place away from the correctly rounded value, and Unigram
 * scores with it, so toksmith reads numbers the same way and writes numbers that read back exactly.
 */
final class SerdeFloats {
  private SerdeFloats() {}

  /** serde_json's table of powers of ten: 1e0 to 1e308, each correctly rounded. */
  private static final double[] POW10 = new double[309];

  static {
    for (int i = 0; i < POW10.length; i++) POW10[i] = Double.parseDouble("1e" + i);
  }

  /**
   * Significand lengths to write, counted at the value's magnitude, likeliest first; 21 and 0 stand
   * for literals across a power of ten from the value (9.99... read as 10).
   */
  private static final int[] SIGNIFICAND_DIGITS = {16, 17, 18, 19, 20, 21, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0};

  /** How far from the exact value a reading is searched for, relative to it. */
  private static final BigDecimal WINDOW = new BigDecimal("1e-14");

  /**
   * The double Hugging Face reads for a JSON number, given with the digits and exponent of its literal
   * (as a BigDecimal parsed from it keeps them). Digits are taken until the next would leave the
   * unsigned 64-bit range; the others only scale. (serde_json takes one more fraction digit after
   * integer digits overflowed when it fits; a literal would need 20 integer digits starting with
   * 1844674407370955161 for that to differ.)
   *
   * @throws ArithmeticException if the value is out of a double's range
   */
  static double read(BigDecimal literal) {
    String digits = literal.unscaledValue().abs().toString();
    long significand = 0;
    int used = 0;
    while (used < digits.length() && !overflows(significand, digits.charAt(used) - '0')) significand = significand * 10 + (digits.charAt(used++) - '0');
    double f = fromParts(significand, digits.length() - used - literal.scale());
    if (Double.isInfinite(f)) throw new ArithmeticException("number out of range");
    return literal.signum() < 0 ? -f : f;
  }

  /** serde_json's {@code f64_from_parts}: an unsigned significand times ten to the exponent; infinite when too large. */
  private static double fromParts(long significand, int exponent) {
    double f = unsignedToDouble(significand);
    while (true) {
      int power = Math.abs(exponent);
      if (power < POW10.length) return exponent >= 0 ? f * POW10[power] : f / POW10[power];
      if (f == 0) return f;
      if (exponent >= 0) return Double.POSITIVE_INFINITY;
      f /= 1e308;
      exponent += 308;
    }
  }

  /** Whether {@code significand * 10 + digit} leaves the unsigned 64-bit range. */
  private static boolean overflows(long significand, int digit) {
    int cmp = Long.compareUnsigned(significand, Long.divideUnsigned(-1L, 10));
    return cmp > 0 || (cmp == 0 && digit > Long.remainderUnsigned(-1L, 10));
  }

  /** An unsigned 64-bit value as the nearest double, ties to even, as Rust's {@code as f64}. */
  private static double unsignedToDouble(long v) {
    if (v >= 0) return v;
    // Halve keeping the lost bit as a sticky bit, so the one rounding happens as for the full value.
    return ((double) ((v >>> 1) | (v & 1))) * 2.0;
  }

  /**
   * A JSON number that {@link #read} (and so Hugging Face) reads as exactly {@code value}: Java's
   * shortest form when that works, otherwise one with 16 to 20 digits (or fewer) that does. About one
   * double in a thousand is no reading of any decimal; it is written in its shortest form, which reads
   * back a unit in the last place away. Every value read from a file is a reading, so it is written
   * exactly.
   */
  static String write(double value) {
    if (!Double.isFinite(value)) throw new IllegalArgumentException("a JSON number must be finite, not " + value);
    String shortest = Double.toString(value);
    if (value == 0 || read(new BigDecimal(shortest)) == value) return shortest;
    double target = Math.abs(value);
    BigDecimal magnitude = new BigDecimal(target);
    int log10 = magnitude.precision() - magnitude.scale() - 1;
    // A significand of 16 to 20 digits (the most 64 bits hold) is where a reading usually is; then fewer.
    for (int digits : SIGNIFICAND_DIGITS) {
      int exponent = log10 - digits + 1;
      BigInteger significand = significandReading(target, magnitude, exponent);
      if (significand != null) return (value < 0 ? "-" : "") + new BigDecimal(significand, -exponent);
    }
    return shortest;
  }

  /**
   * The unsigned significand whose reading with {@code exponent} is {@code target}, or null. Readings
   * grow with the significand, so a binary search near {@code target / 10^exponent} finds it.
   */
  private static BigInteger significandReading(double target, BigDecimal exact, int exponent) {
    BigDecimal center = exact.scaleByPowerOfTen(-exponent);
    // A reading is within a few units in the last place of the exact value, well inside this window.
    BigDecimal slack = center.multiply(WINDOW).add(BigDecimal.TEN);
    BigInteger lowBound = center.subtract(slack).setScale(0, RoundingMode.FLOOR).toBigInteger().max(BigInteger.ZERO);
    BigInteger highBound = center.add(slack).setScale(0, RoundingMode.CEILING).toBigInteger().min(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));
    if (lowBound.compareTo(highBound) > 0) return null;
    long low = lowBound.longValue();
    long high = highBound.longValue();
    while (Long.compareUnsigned(low, high) < 0) {
      long middle = low + Long.divideUnsigned(high - low, 2);
      if (fromParts(middle, exponent) >= target) high = middle;
      else low = middle + 1;
    }
    return fromParts(low, exponent) == target ? new BigInteger(Long.toUnsignedString(low)) : null;
  }
}
