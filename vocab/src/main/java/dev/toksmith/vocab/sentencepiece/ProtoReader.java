package dev.toksmith.vocab.sentencepiece;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Just enough of the protocol buffers wire format to read a SentencePiece model: varints,
 * length-delimited fields and fixed 32-bit floats; unknown fields are skipped, as protobuf does.
 */
final class ProtoReader {
  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LENGTH_DELIMITED = 2;
  static final int FIXED32 = 5;

  private final byte[] data;
  private int pos;
  private final int end;

  ProtoReader(byte[] data, int from, int to) {
    this.data = data;
    this.pos = from;
    this.end = to;
  }

  ProtoReader(byte[] data) {
    this(data, 0, data.length);
  }

  boolean hasMore() {
    return pos < end;
  }

  /** The next field's key: field number shifted left by 3, wire type in the low bits. */
  int readKey() {
    return (int) readVarint();
  }

  long readVarint() {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= end) throw new IllegalArgumentException("truncated varint at byte " + pos);
      byte b = data[pos++];
      value |= (long) (b & 0x7F) << shift;
      if (b >= 0) return value;
    }
    throw new IllegalArgumentException("malformed varint at byte " + pos);
  }

  float readFloat() {
    if (pos + 4 > end) throw new IllegalArgumentException("truncated float at byte " + pos);
    float f = ByteBuffer.wrap(data, pos, 4).order(ByteOrder.LITTLE_ENDIAN).getFloat();
    pos += 4;
    return f;
  }

  /** A nested message or byte string, as a reader over its bytes. */
  ProtoReader readMessage() {
    int length = readLength();
    ProtoReader nested = new ProtoReader(data, pos, pos + length);
    pos += length;
    return nested;
  }

  byte[] readBytes() {
    int length = readLength();
    byte[] bytes = java.util.Arrays.copyOfRange(data, pos, pos + length);
    pos += length;
    return bytes;
  }

  String readString() {
    int length = readLength();
    String s = new String(data, pos, length, StandardCharsets.UTF_8);
    pos += length;
    return s;
  }

  private int readLength() {
    long length = readVarint();
    // Not "pos + length > end": a length near 2^63 would overflow it.
    if (length < 0 || length > end - pos) throw new IllegalArgumentException("field length " + length + " runs past the end at byte " + pos);
    return (int) length;
  }

  void skip(int wireType) {
    switch (wireType) {
      case VARINT -> readVarint();
      case FIXED64 -> pos += 8;
      case LENGTH_DELIMITED -> {
        // Not "pos += readLength()": that would add to pos as it was before the length was read.
        int length = readLength();
        pos += length;
      }
      case FIXED32 -> pos += 4;
      default -> throw new IllegalArgumentException("unsupported wire type " + wireType + " at byte " + pos);
    }
    if (pos > end) throw new IllegalArgumentException("field runs past the end");
  }
}
