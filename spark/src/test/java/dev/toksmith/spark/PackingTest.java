package dev.toksmith.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Pieces cut by partitions and joined on the driver give the sequences of the whole stream cut at once. */
class PackingTest {
  private static final int EOT = -1;

  @Test
  void piecesOfAnyPartitioningJoinToTheWholeStreamCut() {
    Random random = new Random(2);
    for (int round = 0; round < 200; round++) {
      int length = 1 + random.nextInt(12);
      List<EncodedDocument> documents = new ArrayList<>();
      for (int d = 0, n = random.nextInt(30); d < n; d++) {
        int[] ids = new int[random.nextInt(random.nextBoolean() ? 3 : 25)];
        for (int i = 0; i < ids.length; i++) ids[i] = 1000 * d + i;
        documents.add(new EncodedDocument(d, ids));
      }
      List<Integer> stream = new ArrayList<>();
      for (EncodedDocument d : documents) {
        if (d.getDocId() > 0) stream.add(EOT);
        for (int id : d.getIds()) stream.add(id);
      }
      // Cut the documents into partitions at random points.
      List<List<EncodedDocument>> partitions = new ArrayList<>();
      List<EncodedDocument> current = new ArrayList<>();
      for (EncodedDocument d : documents) {
        if (random.nextInt(4) == 0) {
          partitions.add(current);
          current = new ArrayList<>();
        }
        current.add(d);
      }
      partitions.add(current);
      List<PackedSequence> whole = new ArrayList<>();
      List<Packing.Piece> crossing = new ArrayList<>();
      long offset = 0;
      for (List<EncodedDocument> partition : partitions) {
        Packing.Pieces pieces = new Packing.Pieces(partition.iterator(), offset, length, EOT);
        while (pieces.hasNext()) {
          Packing.Piece piece = pieces.next();
          if (piece.whole()) whole.add(new PackedSequence(piece.sequence(), piece.ids()));
          else crossing.add(piece);
        }
        for (EncodedDocument d : partition) offset += d.getIds().length + (d.getDocId() > 0 ? 1 : 0);
      }
      Collections.shuffle(crossing, random);
      whole.addAll(Packing.join(crossing, length));
      whole.sort((a, b) -> Long.compare(a.getSeqId(), b.getSeqId()));
      assertEquals(stream.size() / length, whole.size(), "sequences");
      for (int s = 0; s < whole.size(); s++) {
        assertEquals(s, whole.get(s).getSeqId());
        int[] expected = stream.subList(s * length, (s + 1) * length).stream().mapToInt(Integer::intValue).toArray();
        assertArrayEquals(expected, whole.get(s).getIds(), "sequence " + s);
      }
    }
  }
}
