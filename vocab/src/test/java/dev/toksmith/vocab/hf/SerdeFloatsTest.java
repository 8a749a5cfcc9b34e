package dev.toksmith.vocab.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What a written number reads back as. Whether {@link SerdeFloats#read} reads as Hugging Face does
 * is checked against Hugging Face itself in HuggingFaceModelsTest.
 */
class SerdeFloatsTest {
  private static double readBack(double value) {
    return SerdeFloats.read(new BigDecimal(SerdeFloats.write(value)));
  }

  @Test
  void everyNumberReadFromALiteralIsWrittenSoThatItReadsBackExactly() {
    Random random = new Random(3);
    for (int i = 0; i < 20_000; i++) {
      // 15 to 22 digits (past 20 the literal is cut), at magnitudes from 1e-40 to 1e20.
      StringBuilder digits = new StringBuilder().append(1 + random.nextInt(9));
      for (int d = 14 + random.nextInt(8); d > 0; d--) digits.append(random.nextInt(10));
      BigDecimal literal = new BigDecimal(new java.math.BigInteger(digits.toString()), random.nextInt(60) - 20);
      if (random.nextBoolean()) literal = literal.negate();
      double value = SerdeFloats.read(literal);
      BigDecimal shown = literal;
      assertEquals(value, readBack(value), () -> shown + " read as " + value + ", written as " + SerdeFloats.write(value));
    }
  }

  @Test
  void shortNumbersAreReadExactlyAndWrittenShortest() {
    for (String literal : new String[] {"0.0", "-0.5", "1", "-10.25", "0.001", "1e-7", "123456789012345", "-3.5E+2"}) {
      double value = Double.parseDouble(literal);
      assertEquals(value, SerdeFloats.read(new BigDecimal(literal)), literal);
      assertEquals(Double.toString(value), SerdeFloats.write(value), literal);
    }
  }

  @Test
  void outOfRangeAndNonFiniteNumbersAreRefused() {
    assertThrows(ArithmeticException.class, () -> SerdeFloats.read(new BigDecimal("1e400")));
    assertEquals(0.0, SerdeFloats.read(new BigDecimal("1e-400")));
    assertThrows(IllegalArgumentException.class, () -> SerdeFloats.write(Double.NaN));
  }
}
