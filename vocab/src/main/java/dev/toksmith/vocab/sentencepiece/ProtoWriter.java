package dev.toksmith.vocab.sentencepiece;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Just enough of the protocol buffers wire format to write a SentencePiece model: varints (negative
 * int32 values as ten bytes, as protobuf encodes them), fixed 32-bit floats and length-delimited
 * fields. Fields are written in the order they are given; callers give them by field number, as
 * protobuf's own serializer does.
 */
final class ProtoWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  ProtoWriter varint(int field, long value) {
    key(field, ProtoReader.VARINT);
    rawVarint(value);
    return this;
  }

  ProtoWriter bool(int field, boolean value) {
    return varint(field, value ? 1 : 0);
  }

  ProtoWriter fixed32(int field, float value) {
    key(field, ProtoReader.FIXED32);
    int bits = Float.floatToRawIntBits(value);
    for (int i = 0; i < 4; i++) out.write(bits >>> (8 * i));
    return this;
  }

  ProtoWriter bytes(int field, byte[] value) {
    key(field, ProtoReader.LENGTH_DELIMITED);
    rawVarint(value.length);
    out.writeBytes(value);
    return this;
  }

  ProtoWriter string(int field, String value) {
    return bytes(field, value.getBytes(StandardCharsets.UTF_8));
  }

  ProtoWriter message(int field, ProtoWriter message) {
    return bytes(field, message.toByteArray());
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }

  private void key(int field, int wireType) {
    rawVarint((long) field << 3 | wireType);
  }

  private void rawVarint(long value) {
    while ((value & ~0x7FL) != 0) {
      out.write((int) (value & 0x7F) | 0x80);
      value >>>= 7;
    }
    out.write((int) value);
  }
}
