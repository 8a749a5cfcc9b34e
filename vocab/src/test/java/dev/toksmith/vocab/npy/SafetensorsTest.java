package dev.toksmith.vocab.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bytes of a safetensors file laid out by hand from the format's specification: u64 header size
 * (little-endian), the JSON header padded with spaces to a multiple of 8, the float32 data.
 */
class SafetensorsTest {

  @Test
  void aTwoByThreeTensorWithMetadata() throws IOException {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("font", "tiny.hex");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Safetensors.writeFloat32(out, "embeddings", new int[] {2, 3}, new float[] {1, 0, -2, 0.5f, 0, 0}, metadata);

    String json = "{\"__metadata__\":{\"font\":\"tiny.hex\"},\"embeddings\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}}";
    // 101 bytes of JSON, padded to 104.
    String padded = json + "   ";
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.writeBytes(new byte[] {104, 0, 0, 0, 0, 0, 0, 0});
    expected.writeBytes(padded.getBytes(StandardCharsets.UTF_8));
    expected.writeBytes(new byte[] {
      0, 0, (byte) 0x80, 0x3F, // 1.0f
      0, 0, 0, 0, // 0
      0, 0, 0, (byte) 0xC0, // -2.0f
      0, 0, 0, 0x3F, // 0.5f
      0, 0, 0, 0,
      0, 0, 0, 0
    });
    assertArrayEquals(expected.toByteArray(), out.toByteArray());
  }

  @Test
  void withoutMetadataThereIsNoMetadataEntry() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Safetensors.writeHeader(out, "w", new int[] {1}, Map.of());
    String json = "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
    // 54 bytes of JSON, padded to 56.
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.writeBytes(new byte[] {56, 0, 0, 0, 0, 0, 0, 0});
    expected.writeBytes((json + "  ").getBytes(StandardCharsets.UTF_8));
    assertArrayEquals(expected.toByteArray(), out.toByteArray());
  }
}
