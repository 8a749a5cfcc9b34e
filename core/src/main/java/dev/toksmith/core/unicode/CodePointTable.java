package dev.toksmith.core.unicode;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * An immutable map from every code point to a 16-bit value, stored as a two-stage table: the high
 * bits of a code point pick one of {@value #BLOCK_COUNT} blocks, and identical 256-entry blocks are
 * stored once, so that the whole of Unicode costs a few dozen kilobytes and a lookup costs two array
 * reads.
 *
 * <p>Serialized form (big-endian, as {@link java.io.DataOutputStream} writes it): the number of distinct
 * blocks as an unsigned short, then {@value #BLOCK_COUNT} unsigned shorts giving the distinct block of
 * each block of code points, then the distinct blocks' {@value #BLOCK_SIZE} unsigned shorts each.
 */
final class CodePointTable {
  static final int BLOCK_SHIFT = 8;
  static final int BLOCK_SIZE = 1 << BLOCK_SHIFT;
  static final int BLOCK_COUNT = (Character.MAX_CODE_POINT + 1) >> BLOCK_SHIFT;

  /** Per block of code points, the offset of its distinct block in {@link #values}. */
  private final int[] blockOffsets;
  private final char[] values;

  private CodePointTable(int[] blockOffsets, char[] values) {
    this.blockOffsets = blockOffsets;
    this.values = values;
  }

  /** The value of {@code cp}; callers guarantee {@code 0 <= cp <= 0x10FFFF}. */
  int get(int cp) {
    return values[blockOffsets[cp >>> BLOCK_SHIFT] | (cp & (BLOCK_SIZE - 1))];
  }

  static CodePointTable read(DataInputStream in) throws IOException {
    int distinctBlocks = in.readUnsignedShort();
    char[] blocks = readChars(in, BLOCK_COUNT);
    int[] blockOffsets = new int[BLOCK_COUNT];
    for (int b = 0; b < BLOCK_COUNT; b++) {
      if (blocks[b] >= distinctBlocks) throw new IOException("block " + (int) blocks[b] + " out of range");
      blockOffsets[b] = blocks[b] << BLOCK_SHIFT;
    }
    return new CodePointTable(blockOffsets, readChars(in, distinctBlocks << BLOCK_SHIFT));
  }

  /**
   * The next {@code n} unsigned shorts of {@code in}, read in one piece: read one at a time, the tens
   * of thousands of a table took milliseconds of every process that loaded it, in code not yet compiled.
   */
  static char[] readChars(DataInputStream in, int n) throws IOException {
    byte[] bytes = new byte[2 * n];
    in.readFully(bytes);
    char[] chars = new char[n];
    ByteBuffer.wrap(bytes).asCharBuffer().get(chars);
    return chars;
  }

  /** The next {@code n} ints of {@code in}, read in one piece (see {@link #readChars}). */
  static int[] readInts(DataInputStream in, int n) throws IOException {
    byte[] bytes = new byte[4 * n];
    in.readFully(bytes);
    int[] ints = new int[n];
    ByteBuffer.wrap(bytes).asIntBuffer().get(ints);
    return ints;
  }

  /**
   * Opens a resource of this package for reading; its absence or corruption is a packaging error,
   * so it surfaces as an unchecked exception.
   */
  static DataInputStream openResource(String name) {
    InputStream raw = CodePointTable.class.getResourceAsStream(name);
    if (raw == null) throw new IllegalStateException("missing resource " + name + " next to " + CodePointTable.class.getName());
    return new DataInputStream(new BufferedInputStream(raw));
  }

  /** Reads a resource that holds one table and nothing else. */
  static CodePointTable readResource(String name) {
    try (DataInputStream in = openResource(name)) {
      CodePointTable table = read(in);
      requireEnd(in, name);
      return table;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }

  static void requireEnd(DataInputStream in, String name) throws IOException {
    if (in.read() != -1) throw new IOException("trailing bytes in " + name);
  }
}
