package dev.toksmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Decimal output against {@link Integer#toString}, at every digit count and across buffer growth. */
class ByteSinkTest {
  @Test
  void writesIdsAsIntegerToStringDoes() throws IOException {
    Random random = new Random(4);
    int[] ids = new int[4000];
    for (int i = 0; i < ids.length; i++) {
      // Every length from 1 to 10 digits, its edges included, and some random values.
      int digits = i % 10;
      long power = (long) Math.pow(10, digits);
      ids[i] = switch (i % 4) {
        case 0 -> (int) Math.min(power, Integer.MAX_VALUE);
        case 1 -> (int) Math.min(power - 1, Integer.MAX_VALUE);
        case 2 -> random.nextInt(Integer.MAX_VALUE);
        default -> (int) Math.min(power * 9 + random.nextInt(9), Integer.MAX_VALUE);
      };
    }
    ids[0] = 0;
    ids[1] = Integer.MAX_VALUE;
    ids[2] = -1;
    ids[3] = Integer.MIN_VALUE;
    ByteSink sink = new ByteSink(1);
    sink.writeIds(ids);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    sink.writeTo(out, sink.size());
    String expected = Arrays.stream(ids).mapToObj(Integer::toString).collect(Collectors.joining(" "));
    assertEquals(expected, out.toString(StandardCharsets.US_ASCII));
  }
}
