package dev.toksmith.spark;

import java.io.Serializable;

/** One row of {@code encode --pack}'s output: a sequence's position and its ids. A bean, for Spark's encoder. */
public final class PackedSequence implements Serializable {
  private static final long serialVersionUID = 1L;

  private long seqId;
  private int[] ids;

  /** An empty row, for Spark. */
  public PackedSequence() {}

  PackedSequence(long seqId, int[] ids) {
    this.seqId = seqId;
    this.ids = ids;
  }

  public long getSeqId() {
    return seqId;
  }

  public void setSeqId(long seqId) {
    this.seqId = seqId;
  }

  public int[] getIds() {
    return ids;
  }

  public void setIds(int[] ids) {
    this.ids = ids;
  }
}
