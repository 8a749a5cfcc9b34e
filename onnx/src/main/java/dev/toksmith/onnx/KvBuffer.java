package dev.toksmith.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The key/value cache of one sequence as ONNX Runtime reads and writes it: per cache tensor a
 * direct buffer holding [1, heads, length, head size] float32, which a tensor wraps without a copy.
 * Buffers grow and are reused, so a step allocates nothing once they are large enough. A position's
 * slice (its keys and values in every tensor) moves in and out as bytes for the session's tree.
 */
final class KvBuffer {
  private final int[] heads;
  private final int[] headSizes;
  /** Bytes of one head at one position, per tensor. */
  private final int[] rowBytes;
  private final int sliceBytes;
  private final ByteBuffer[] buffers;
  private int length;

  KvBuffer(Signature signature) {
    heads = signature.heads;
    headSizes = signature.headSizes;
    rowBytes = new int[heads.length];
    int slice = 0;
    for (int t = 0; t < heads.length; t++) {
      rowBytes[t] = headSizes[t] * Float.BYTES;
      slice += heads[t] * rowBytes[t];
    }
    sliceBytes = slice;
    buffers = new ByteBuffer[heads.length];
  }

  /** Bytes of one position's keys and values, all tensors together. */
  int sliceBytes() {
    return sliceBytes;
  }

  /** Positions held. */
  int length() {
    return length;
  }

  /** Makes room for {@code length} positions; the contents are undefined until written. */
  void reset(int length) {
    for (int t = 0; t < buffers.length; t++) {
      long needed = (long) heads[t] * length * rowBytes[t];
      if (needed > Integer.MAX_VALUE) throw new IllegalArgumentException("a key/value cache of " + length + " positions does not fit a buffer");
      if (buffers[t] == null || buffers[t].capacity() < needed) {
        int capacity = (int) Math.min(Integer.MAX_VALUE, Math.max(needed, buffers[t] == null ? 0 : 2L * buffers[t].capacity()));
        buffers[t] = ByteBuffer.allocateDirect(capacity).order(ByteOrder.nativeOrder());
      }
    }
    this.length = length;
  }

  /**
   * Keeps the first {@code length} positions: each head's rows move down to where a shorter cache
   * keeps them (heads come first in the layout, so every head but the first moves).
   */
  void truncate(int length) {
    if (length > this.length) throw new IllegalArgumentException("cannot grow a cache by truncating it");
    for (int t = 0; t < buffers.length; t++) {
      int rows = length * rowBytes[t];
      for (int h = 1; h < heads[t]; h++) {
        // put copies as if through an intermediate buffer, so rows that overlap their target are safe.
        ByteBuffer source = buffers[t].duplicate().position(h * this.length * rowBytes[t]).limit(h * this.length * rowBytes[t] + rows).slice();
        buffers[t].duplicate().position(h * rows).put(source);
      }
    }
    this.length = length;
  }

  /** Tensor {@code t} over this buffer, shaped for the current length; closing it leaves the buffer. */
  OnnxTensor tensor(OrtEnvironment env, int t) throws OrtException {
    ByteBuffer view = buffers[t].duplicate().position(0).limit(heads[t] * length * rowBytes[t]).slice().order(ByteOrder.nativeOrder());
    return OnnxTensor.createTensor(env, view.asFloatBuffer(), new long[] {1, heads[t], length, headSizes[t]});
  }

  /** Position {@code p}'s keys and values, every tensor, as one slice. */
  byte[] slice(int p) {
    byte[] slice = new byte[sliceBytes];
    int at = 0;
    for (int t = 0; t < buffers.length; t++) {
      for (int h = 0; h < heads[t]; h++) {
        buffers[t].get(offset(t, h, p), slice, at, rowBytes[t]);
        at += rowBytes[t];
      }
    }
    return slice;
  }

  /** Writes a slice from {@link #slice} at position {@code p}. */
  void put(int p, byte[] slice) {
    int at = 0;
    for (int t = 0; t < buffers.length; t++) {
      for (int h = 0; h < heads[t]; h++) {
        buffers[t].put(offset(t, h, p), slice, at, rowBytes[t]);
        at += rowBytes[t];
      }
    }
  }

  private int offset(int t, int head, int p) {
    return (head * length + p) * rowBytes[t];
  }
}
