package dev.toksmith.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code encode --pack N}: the ids of every document in input order, with the end-of-text id between
 * one document and the next, cut into sequences of exactly N ids, numbered from 0. The ids left after
 * the last whole sequence are left out. Each task cuts its own documents; the few sequences that cross
 * from one task's documents into the next are put together on the driver from their pieces.
 */
final class Packing {
  private Packing() {}

  /**
   * What was packed.
   *
   * @param tokens ids in the stream, end-of-text ids between documents included
   * @param count whole sequences
   * @param dropped ids after the last whole sequence, left out
   */
  record Packed(long tokens, long count, long dropped) {}

  /** Writes the packed sequences. */
  @FunctionalInterface
  interface Writer {
    void write(JavaRDD<PackedSequence> sequences);
  }

  /** A sequence, or the part of one that a task holds. */
  record Piece(long sequence, int offset, int[] ids, boolean whole) implements Serializable {}

  /**
   * Packs {@code documents}, whose partitions are in input order, and hands the sequences to {@code
   * writer}; the documents and the pieces are read twice, so kept on the executors' disks meanwhile.
   */
  static Packed pack(JavaSparkContext sc, JavaRDD<EncodedDocument> documents, int length, int endOfText, Writer writer) {
    documents.persist(StorageLevel.DISK_ONLY());
    List<Long> perPartition = documents.mapPartitions(docs -> {
      long n = 0;
      while (docs.hasNext()) {
        EncodedDocument d = docs.next();
        n += d.getIds().length + (d.getDocId() > 0 ? 1 : 0);
      }
      return List.of(n).iterator();
    }).collect();
    long[] offsets = new long[perPartition.size()];
    long total = 0;
    for (int p = 0; p < offsets.length; p++) {
      offsets[p] = total;
      total += perPartition.get(p);
    }
    JavaRDD<Piece> pieces = documents.mapPartitionsWithIndex((p, docs) -> new Pieces(docs, offsets[p], length, endOfText), true);
    pieces.persist(StorageLevel.DISK_ONLY());
    List<Piece> crossing = new ArrayList<>(pieces.filter(piece -> !piece.whole()).collect());
    List<PackedSequence> joined = join(crossing, length);
    writer.write(pieces.filter(Piece::whole).map(piece -> new PackedSequence(piece.sequence(), piece.ids())).union(sc.parallelize(joined, 1)));
    pieces.unpersist(false);
    documents.unpersist(false);
    long count = total / length;
    return new Packed(total, count, total - count * length);
  }

  /** Puts together the sequences that crossed task boundaries; a last sequence short of {@code length} is left out. */
  static List<PackedSequence> join(List<Piece> pieces, int length) {
    pieces.sort(Comparator.comparingLong(Piece::sequence).thenComparingInt(Piece::offset));
    List<PackedSequence> joined = new ArrayList<>();
    for (int from = 0, to; from < pieces.size(); from = to) {
      long sequence = pieces.get(from).sequence();
      int[] ids = new int[length];
      int filled = 0;
      for (to = from; to < pieces.size() && pieces.get(to).sequence() == sequence; to++) {
        Piece piece = pieces.get(to);
        if (piece.offset() != filled) throw new IllegalStateException("sequence " + sequence + ": a piece at " + piece.offset() + " after " + filled + " ids");
        System.arraycopy(piece.ids(), 0, ids, filled, piece.ids().length);
        filled += piece.ids().length;
      }
      if (filled == length) joined.add(new PackedSequence(sequence, ids));
    }
    return joined;
  }

  /** Cuts one partition's documents, whose first id is at {@code start} in the whole stream, into pieces. */
  static final class Pieces implements Iterator<Piece> {
    private final Iterator<EncodedDocument> documents;
    private final int length;
    private final int endOfText;
    private long sequence;
    /** Where in the current sequence this partition's ids begin: 0 unless it began in an earlier partition. */
    private int begin;
    private int[] ids;
    private int filled;
    private int[] document = new int[0];
    private int used;
    private Piece next;
    private boolean finished;

    Pieces(Iterator<EncodedDocument> documents, long start, int length, int endOfText) {
      this.documents = documents;
      this.length = length;
      this.endOfText = endOfText;
      this.sequence = start / length;
      this.begin = (int) (start % length);
      this.filled = begin;
      this.ids = new int[length];
    }

    @Override
    public boolean hasNext() {
      while (next == null && !finished) advance();
      return next != null;
    }

    @Override
    public Piece next() {
      if (!hasNext()) throw new NoSuchElementException();
      Piece piece = next;
      next = null;
      return piece;
    }

    /** Fills the current sequence from the documents until it is full or they end. */
    private void advance() {
      while (filled < length) {
        if (used == document.length) {
          if (!documents.hasNext()) {
            finished = true;
            if (filled > begin) next = new Piece(sequence, begin, Arrays.copyOfRange(ids, begin, filled), false);
            return;
          }
          EncodedDocument d = documents.next();
          int[] docIds = d.getIds();
          if (d.getDocId() > 0) {
            document = new int[docIds.length + 1];
            document[0] = endOfText;
            System.arraycopy(docIds, 0, document, 1, docIds.length);
          } else {
            document = docIds;
          }
          used = 0;
          continue;
        }
        int n = Math.min(length - filled, document.length - used);
        System.arraycopy(document, used, ids, filled, n);
        used += n;
        filled += n;
      }
      next = begin == 0 ? new Piece(sequence, 0, ids, true) : new Piece(sequence, begin, Arrays.copyOfRange(ids, begin, length), false);
      sequence++;
      begin = 0;
      filled = 0;
      ids = new int[length];
    }
  }
}
