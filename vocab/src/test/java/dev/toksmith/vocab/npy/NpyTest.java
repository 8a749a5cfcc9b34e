package dev.toksmith.vocab.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Byte-exact against files numpy.save wrote (make-fixtures.py in the test resources). */
class NpyTest {
  private static byte[] fixture(String name) throws IOException {
    try (InputStream in = NpyTest.class.getResourceAsStream("/npy/" + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void int32MatrixIsByteExactWithNumpy() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int[] data = {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 42};
    Npy.writeInt32(out, new int[] {2, 3}, data);
    assertArrayEquals(fixture("int32-2x3.npy"), out.toByteArray());

    Npy.Array read = Npy.read(new ByteArrayInputStream(fixture("int32-2x3.npy")));
    assertEquals(Npy.Type.INT32, read.type());
    assertArrayEquals(new int[] {2, 3}, read.shape());
    assertArrayEquals(data, read.ints());
  }

  @Test
  void float32VectorIsByteExactWithNumpy() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    float[] data = {0f, -1.5f, 3.25f, 1e-38f};
    Npy.writeFloat32(out, new int[] {4}, data);
    assertArrayEquals(fixture("float32-4.npy"), out.toByteArray());

    Npy.Array read = Npy.read(new ByteArrayInputStream(fixture("float32-4.npy")));
    assertEquals(Npy.Type.FLOAT32, read.type());
    assertArrayEquals(new int[] {4}, read.shape());
    assertArrayEquals(data, read.floats());
  }

  @Test
  void emptyAndThreeDimensionalShapes() throws IOException {
    ByteArrayOutputStream empty = new ByteArrayOutputStream();
    Npy.writeFloat32(empty, new int[] {0, 5}, new float[0]);
    assertArrayEquals(fixture("float32-0x5.npy"), empty.toByteArray());

    ByteArrayOutputStream cube = new ByteArrayOutputStream();
    Npy.writeInt32(cube, new int[] {1, 2, 2}, new int[] {0, 1, 2, 3});
    assertArrayEquals(fixture("int32-1x2x2.npy"), cube.toByteArray());
    assertEquals(4, Npy.read(new ByteArrayInputStream(cube.toByteArray())).size());
  }

  @Test
  void rejectsMismatchedShapeAndForeignFiles() throws IOException {
    assertThrows(
        IllegalArgumentException.class,
        () -> Npy.writeInt32(new ByteArrayOutputStream(), new int[] {2, 2}, new int[3]));
    IOException notNpy =
        assertThrows(IOException.class, () -> Npy.read(new ByteArrayInputStream("hello".getBytes())));
    assertEquals(".npy file is truncated", notNpy.getMessage());
    byte[] truncated = fixture("int32-2x3.npy");
    assertThrows(
        IOException.class,
        () -> Npy.read(new ByteArrayInputStream(Arrays.copyOf(truncated, truncated.length - 1))));
    byte[] float64 = fixture("float32-4.npy");
    String header = new String(float64, java.nio.charset.StandardCharsets.ISO_8859_1).replace("<f4", "<f8");
    IOException wrongType =
        assertThrows(
            IOException.class,
            () ->
                Npy.read(
                    new ByteArrayInputStream(
                        header.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))));
    assertEquals(".npy element type <f8 is not supported (only <i4 and <f4)", wrongType.getMessage());
  }
}
