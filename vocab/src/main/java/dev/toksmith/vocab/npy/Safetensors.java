package dev.toksmith.vocab.npy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.toksmith.vocab.io.JsonText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes one float32 tensor in the safetensors format: an 8-byte little-endian header length, a JSON
 * header ({@code __metadata__} with string values, then the tensor's {@code dtype}, {@code shape} and
 * {@code data_offsets}) padded with spaces to a multiple of 8 bytes, then the elements little-endian in
 * C order. The caller writes the elements after {@link #writeHeader}, so a matrix never needs to be
 * in memory at once.
 *
 * <pre>{@code
 * try (OutputStream out = Files.newOutputStream(Path.of("e.safetensors"))) {
 *   Safetensors.writeFloat32(out, "embeddings", new int[] {2, 2}, new float[] {1, 0, 0, 1}, Map.of("format", "pt"));
 * }
 * }</pre>
 */
public final class Safetensors {
  private static final JsonFactory JSON = JsonText.factory();
  private static final int ALIGNMENT = 8;

  private Safetensors() {}

  /** Writes the length and header of a single float32 tensor {@code name} of {@code shape}. */
  public static void writeHeader(OutputStream out, String name, int[] shape, Map<String, String> metadata) throws IOException {
    long bytes = 4;
    for (int d : shape) bytes *= d;
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(json)) {
      g.writeStartObject();
      if (!metadata.isEmpty()) {
        g.writeObjectFieldStart("__metadata__");
        for (Map.Entry<String, String> e : metadata.entrySet()) g.writeStringField(e.getKey(), e.getValue());
        g.writeEndObject();
      }
      g.writeObjectFieldStart(name);
      g.writeStringField("dtype", "F32");
      g.writeArrayFieldStart("shape");
      for (int d : shape) g.writeNumber(d);
      g.writeEndArray();
      g.writeArrayFieldStart("data_offsets");
      g.writeNumber(0);
      g.writeNumber(bytes);
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
    }
    byte[] header = json.toByteArray();
    int padded = (header.length + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    byte[] spaced = Arrays.copyOf(header, padded);
    Arrays.fill(spaced, header.length, padded, (byte) ' ');
    out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
    out.write(spaced);
  }

  /** Writes a whole float32 tensor: the header, then {@code data} (C order). */
  public static void writeFloat32(OutputStream out, String name, int[] shape, float[] data, Map<String, String> metadata) throws IOException {
    long count = 1;
    for (int d : shape) count *= d;
    if (count != data.length) throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + count + " elements, data has " + data.length);
    writeHeader(out, name, shape, metadata);
    ByteBuffer buffer = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asFloatBuffer().put(data);
    out.write(buffer.array());
  }
}
