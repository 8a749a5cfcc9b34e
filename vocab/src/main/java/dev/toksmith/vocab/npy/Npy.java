package dev.toksmith.vocab.npy;

import dev.toksmith.core.text.Excerpt;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's {@code .npy} format, version 1.0, for the two element types toksmith exchanges with
 * Python training code: little-endian int32 ({@code <i4}) and float32 ({@code <f4}), C order.
 * Writes the header exactly as {@code numpy.save} does (dict keys in its order, padded with spaces
 * to a multiple of 64 bytes, ending in a newline), so files compare byte for byte with NumPy's.
 *
 * <pre>{@code
 * try (OutputStream out = Files.newOutputStream(Path.of("ids.npy"))) {
 *   Npy.writeInt32(out, new int[] {2, 3}, new int[] {1, 2, 3, 4, 5, 6}); // numpy.load gives a 2 x 3 int32 array
 * }
 * try (InputStream in = Files.newInputStream(Path.of("ids.npy"))) {
 *   Npy.Array ids = Npy.read(in); // ids.shape() is {2, 3}, ids.ints() the six values
 * }
 * }</pre>
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final int ALIGNMENT = 64;
  private static final Pattern HEADER =
      Pattern.compile(
          "\\{'descr': '([<|>][a-z][0-9]+)', 'fortran_order': (True|False), 'shape': \\(([0-9, ]*)\\), \\}\\s*");

  /** Element type of an array. */
  public enum Type {
    INT32("<i4"),
    FLOAT32("<f4");

    private final String descr;

    Type(String descr) {
      this.descr = descr;
    }
  }

  /** A C-order array read from a file: its shape and its elements in {@code ints} or {@code floats}. */
  public record Array(Type type, int[] shape, int[] ints, float[] floats) {
    /** Number of elements, the product of the shape. */
    public long size() {
      return elementCount(shape);
    }
  }

  private Npy() {}

  /** Writes an int32 array of the given shape. */
  public static void writeInt32(OutputStream out, int[] shape, int[] data) throws IOException {
    checkSize(shape, data.length);
    writeHeader(out, Type.INT32, shape);
    ByteBuffer buffer = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asIntBuffer().put(data);
    out.write(buffer.array());
  }

  /** Writes a float32 array of the given shape. */
  public static void writeFloat32(OutputStream out, int[] shape, float[] data) throws IOException {
    checkSize(shape, data.length);
    writeHeader(out, Type.FLOAT32, shape);
    ByteBuffer buffer = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asFloatBuffer().put(data);
    out.write(buffer.array());
  }

  /**
   * Reads an int32 or float32 array in C order.
   *
   * @throws IOException when the stream is not a version 1.0 {@code .npy} of those types
   */
  public static Array read(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    byte[] magic = new byte[MAGIC.length];
    readFully(data, magic);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new IOException("not a .npy file (bad magic)");
    }
    byte[] version = new byte[4];
    readFully(data, version);
    int major = version[0] & 0xFF;
    int minor = version[1] & 0xFF;
    if (major != 1 || minor != 0) {
      throw new IOException(".npy version " + major + "." + minor + " is not supported (only 1.0)");
    }
    int headerLength = (version[2] & 0xFF) | (version[3] & 0xFF) << 8;
    byte[] headerBytes = new byte[headerLength];
    readFully(data, headerBytes);
    String header = new String(headerBytes, StandardCharsets.ISO_8859_1);
    Matcher m = HEADER.matcher(header);
    if (!m.matches()) {
      throw new IOException(".npy header not understood: " + Excerpt.of(header.strip()));
    }
    if (m.group(2).equals("True")) {
      throw new IOException(".npy arrays in Fortran order are not supported");
    }
    Type type = typeOf(m.group(1));
    int[] shape = parseShape(m.group(3));
    long count = elementCount(shape);
    if (count > Integer.MAX_VALUE / 4) {
      throw new IOException(".npy array too large: " + count + " elements");
    }
    // Read as it arrives, so that a header promising more than the file holds allocates nothing for it.
    byte[] bytes = data.readNBytes((int) count * 4);
    if (bytes.length < count * 4) throw new IOException(".npy file is truncated: " + count + " elements promised, " + bytes.length / 4 + " there");
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (type == Type.INT32) {
      int[] ints = new int[(int) count];
      buffer.asIntBuffer().get(ints);
      return new Array(type, shape, ints, null);
    }
    float[] floats = new float[(int) count];
    buffer.asFloatBuffer().get(floats);
    return new Array(type, shape, null, floats);
  }

  /**
   * Writes the header of an array whose elements the caller writes next, little-endian in C order:
   * for arrays too large to hold in memory at once.
   */
  public static void writeHeader(OutputStream out, Type type, int[] shape) throws IOException {
    StringBuilder dict = new StringBuilder();
    dict.append("{'descr': '").append(type.descr).append("', 'fortran_order': False, 'shape': (");
    for (int i = 0; i < shape.length; i++) {
      if (i > 0) {
        dict.append(", ");
      }
      dict.append(shape[i]);
    }
    if (shape.length == 1) {
      dict.append(',');
    }
    dict.append("), }");
    int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
    int padding = (ALIGNMENT - unpadded % ALIGNMENT) % ALIGNMENT;
    dict.append(" ".repeat(padding)).append('\n');
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    header.write(MAGIC);
    header.write(1);
    header.write(0);
    header.write(dict.length() & 0xFF);
    header.write(dict.length() >>> 8);
    header.write(dict.toString().getBytes(StandardCharsets.ISO_8859_1));
    header.writeTo(out);
  }

  private static Type typeOf(String descr) throws IOException {
    for (Type type : Type.values()) {
      if (type.descr.equals(descr)) {
        return type;
      }
    }
    throw new IOException(".npy element type " + Excerpt.of(descr) + " is not supported (only <i4 and <f4)");
  }

  private static int[] parseShape(String text) throws IOException {
    List<Integer> dims = new ArrayList<>();
    for (String part : text.split(",")) {
      String dim = part.strip();
      if (!dim.isEmpty()) {
        try {
          dims.add(Integer.parseInt(dim));
        } catch (NumberFormatException e) {
          throw new IOException(".npy shape dimension too large: " + Excerpt.of(dim));
        }
      }
    }
    return dims.stream().mapToInt(Integer::intValue).toArray();
  }

  private static long elementCount(int[] shape) {
    long count = 1;
    for (int dim : shape) {
      count *= dim;
    }
    return count;
  }

  private static void checkSize(int[] shape, int length) {
    for (int dim : shape) {
      if (dim < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
      }
    }
    if (elementCount(shape) != length) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " does not hold " + length + " elements");
    }
  }

  private static void readFully(DataInputStream in, byte[] bytes) throws IOException {
    try {
      in.readFully(bytes);
    } catch (EOFException e) {
      throw new IOException(".npy file is truncated", e);
    }
  }
}
