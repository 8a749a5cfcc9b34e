package dev.toksmith.spark;

import java.io.Serializable;

/** One row of encode's output: a document's position in the input, its ids and how many there are. A bean, for Spark's encoder. */
public final class EncodedDocument implements Serializable {
  private static final long serialVersionUID = 1L;

  private long docId;
  private int[] ids;
  private int tokenCount;

  /** An empty row, for Spark. */
  public EncodedDocument() {}

  EncodedDocument(long docId, int[] ids) {
    this.docId = docId;
    this.ids = ids;
    this.tokenCount = ids.length;
  }

  public long getDocId() {
    return docId;
  }

  public void setDocId(long docId) {
    this.docId = docId;
  }

  public int[] getIds() {
    return ids;
  }

  public void setIds(int[] ids) {
    this.ids = ids;
  }

  public int getTokenCount() {
    return tokenCount;
  }

  public void setTokenCount(int tokenCount) {
    this.tokenCount = tokenCount;
  }
}
