package dev.toksmith.spark;

import dev.toksmith.WordCountTrainer;
import dev.toksmith.WordCounts;
import dev.toksmith.api.CorpusStats;
import dev.toksmith.api.DocumentSink;
import dev.toksmith.SentencePieceCounts;
import dev.toksmith.SentencePieceTrainer;
import dev.toksmith.cli.WordCountingBackend;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import picocli.CommandLine.Option;
import scala.Tuple2;

/**
 * {@code train}'s word counting on Spark. Each task counts the words of its splits (one, or several
 * small files, see {@link Inputs#pack}) with the trainer's own counter (the same normalization and
 * pre-tokenization as on one machine) into one table, a map-side combine, and cuts the table into
 * buckets by word; the shuffle brings each bucket's parts
 * together, where they are added up; the driver then collects every bucket, all words, rare ones
 * included, a batch of buckets at a time. A job of a few splits skips the shuffle: the driver adds
 * up their tables itself. What was read (documents, bytes, invalid UTF-8) travels with the
 * counts, so that a task run twice is counted once.
 */
final class SparkWordCounting implements WordCountingBackend {
  /** Tables fetched by one job: their encoded words must fit spark.driver.maxResultSize (1 GB by default). */
  private static final int TABLES_PER_JOB = 32;
  /**
   * Up to this many splits the driver adds up their tables itself (at most this many times the work of
   * adding its own); more, and a shuffle merges them on the executors first, so that the driver adds
   * each word once. A shuffle costs a stage, which a small job notices.
   */
  private static final int DRIVER_ADDS_AT_MOST = 8;

  final SparkOptions spark = new SparkOptions();

  @Option(
      names = "--count-partitions",
      paramLabel = "N",
      description = "Merge the word counts on the executors in N buckets, one task each, before the driver collects them (default: "
          + "with more than 8 parts to read, Spark's default parallelism, the cores of the cluster; with fewer, the driver adds up the parts' counts).")
  Integer countPartitions;

  /** One bucket's words, encoded, with what its task read. */
  record CountsPart(byte[] words, long documents, long bytes, long invalidUtf8) implements Serializable {}

  /**
   * What the job counts, for one kind of trainer: a split's documents into a table, and tables to
   * bytes (cut into buckets by word, see {@link CountsCodec}) and back.
   *
   * @param <T> what one task is given to count: a split, with what else it needs
   * @param <C> the table
   */
  private interface Tally<T, C> extends Serializable {
    C newTable();

    /** Counts the documents of {@code part} into {@code table}; returns what was read. */
    CorpusStats count(SplitReader reader, T part, C table) throws IOException;

    byte[][] encode(C table, int buckets);

    void decodeInto(byte[] encoded, C table);
  }

  @Override
  public CorpusStats count(WordCountTrainer<?> trainer, List<String> inputs, String jsonlField, WordCounts counts) throws IOException {
    return run(inputs, jsonlField, (sc, conf, splits) -> tally(sc, conf, splits, split -> split, new Words(trainer, jsonlField), counts));
  }

  /** Words, counted by a word-count trainer's counter. */
  private record Words(WordCountTrainer<?> trainer, String jsonlField) implements Tally<InputSplit, WordCounts> {
    @Override
    public WordCounts newTable() {
      return new WordCounts();
    }

    @Override
    public CorpusStats count(SplitReader reader, InputSplit split, WordCounts table) throws IOException {
      return reader.trainingDocuments(split, jsonlField, trainer.wordCounter(table));
    }

    @Override
    public byte[][] encode(WordCounts table, int buckets) {
      return CountsCodec.encode(table, buckets);
    }

    @Override
    public void decodeInto(byte[] encoded, WordCounts table) {
      CountsCodec.decodeInto(encoded, table);
    }
  }

  /** A split, and the position in the whole input of its first candidate sentence for a sample (0 when none is drawn). */
  record SentenceSplit(InputSplit split, long firstCandidate) implements Serializable {}

  /**
   * SentencePiece's counting. With an input sentence size, the sample must be the one {@code toksmith
   * train} draws from the whole input in order, so a first job counts each split's candidate
   * sentences; the driver draws the sample from their number, as one machine draws it, and ships it;
   * the second job counts each split's sentences that are in it.
   */
  @Override
  public CorpusStats countSentences(SentencePieceTrainer trainer, List<String> inputs, String jsonlField, SentencePieceCounts counts) throws IOException {
    String column = spark.parquetColumn;
    return run(inputs, jsonlField, (sc, conf, splits) -> {
      List<SentenceSplit> parts = new ArrayList<>();
      if (!trainer.samples()) {
        for (InputSplit split : splits) parts.add(new SentenceSplit(split, 0));
        return tally(sc, conf, parts, SentenceSplit::split, new Sentences(trainer, jsonlField, null), counts);
      }
      List<List<InputSplit>> packs = Inputs.pack(splits, split -> split, spark.splitBytes(), sc.defaultParallelism());
      List<long[]> candidates = sc.parallelize(packs, packs.size()).map(pack -> {
        SplitReader reader = new SplitReader(conf.get(), column);
        long[] n = new long[pack.size()];
        for (int i = 0; i < n.length; i++) {
          int at = i;
          reader.trainingDocuments(pack.get(i), jsonlField, document -> {
            if (trainer.isCandidate(document)) n[at]++;
          });
        }
        return n;
      }).collect();
      long first = 0;
      int next = 0;
      for (long[] pack : candidates) {
        for (long n : pack) {
          parts.add(new SentenceSplit(splits.get(next++), first));
          first += n;
        }
      }
      Broadcast<long[]> sample = sc.broadcast(trainer.sample(first));
      try {
        return tally(sc, conf, parts, SentenceSplit::split, new Sentences(trainer, jsonlField, sample), counts);
      } finally {
        sample.destroy();
      }
    });
  }

  /** Sentences, counted by a SentencePiece trainer's counter; with a sample, only those in it. */
  private record Sentences(SentencePieceTrainer trainer, String jsonlField, Broadcast<long[]> sample) implements Tally<SentenceSplit, SentencePieceCounts> {
    @Override
    public SentencePieceCounts newTable() {
      return trainer.newCounts();
    }

    @Override
    public CorpusStats count(SplitReader reader, SentenceSplit part, SentencePieceCounts table) throws IOException {
      DocumentSink counter = sample == null ? trainer.sentenceCounter(table) : trainer.sampleCounter(table, sample.value(), part.firstCandidate());
      return reader.trainingDocuments(part.split(), jsonlField, counter);
    }

    @Override
    public byte[][] encode(SentencePieceCounts table, int buckets) {
      return SentenceCountsCodec.encode(table, buckets);
    }

    @Override
    public void decodeInto(byte[] encoded, SentencePieceCounts table) {
      SentenceCountsCodec.decodeInto(encoded, table);
    }
  }

  /** The counting job's work, given the splits of the inputs (at least one). */
  private interface Counting {
    CorpusStats run(JavaSparkContext sc, HadoopConf conf, List<InputSplit> splits) throws IOException;
  }

  private CorpusStats run(List<String> inputs, String jsonlField, Counting counting) throws IOException {
    spark.check(jsonlField);
    if (countPartitions != null && countPartitions < 1) throw new IllegalArgumentException("--count-partitions must be at least 1: " + countPartitions);
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.session("toksmith train").sparkContext());
    HadoopConf conf = new HadoopConf(sc.hadoopConfiguration());
    return JobFailures.explained(() -> {
      List<InputSplit> splits = Inputs.plan(sc, conf, inputs, spark.parquetColumn, spark.splitBytes());
      return splits.isEmpty() ? new CorpusStats(0, 0, 0) : counting.run(sc, conf, splits);
    });
  }

  /** Counts the splits' documents with {@code tally} into {@code counts}: the job the class comment describes. */
  private <T, C> CorpusStats tally(JavaSparkContext sc, HadoopConf conf, List<T> splits, java.util.function.Function<T, InputSplit> split, Tally<T, C> tally,
      C counts) {
    String column = spark.parquetColumn;
    List<List<T>> packs = Inputs.pack(splits, split, spark.splitBytes(), sc.defaultParallelism());
    boolean shuffle = countPartitions != null || packs.size() > DRIVER_ADDS_AT_MOST;
    int buckets = !shuffle ? 1 : countPartitions != null ? countPartitions : sc.defaultParallelism();
    int emptyBucket = tally.encode(tally.newTable(), 1)[0].length;

    JavaPairRDD<Integer, CountsPart> counted = sc.parallelize(packs, packs.size()).mapPartitionsToPair(assigned -> {
      List<Tuple2<Integer, CountsPart>> parts = new ArrayList<>();
      SplitReader reader = new SplitReader(conf.get(), column);
      while (assigned.hasNext()) {
        C words = tally.newTable();
        CorpusStats read = new CorpusStats(0, 0, 0);
        for (T part : assigned.next()) read = read.plus(tally.count(reader, part, words));
        byte[][] encoded = tally.encode(words, buckets);
        for (int b = 0; b < buckets; b++) {
          boolean first = b == 0;
          if (encoded[b].length > emptyBucket || first) {
            parts.add(new Tuple2<>(b, new CountsPart(encoded[b], first ? read.documents() : 0, first ? read.bytes() : 0, first ? read.invalidUtf8Sequences() : 0)));
          }
        }
      }
      return parts.iterator();
    });
    JavaRDD<CountsPart> tables = shuffle ? counted.partitionBy(new Buckets(buckets)).mapPartitions(parts -> merge(parts, tally)) : counted.values();
    // The tables (the buckets, merged on the executors, or the splits' own) are fetched a batch per job,
    // so that the driver holds one batch of encoded words besides its table.
    long documents = 0;
    long bytes = 0;
    long invalid = 0;
    int partitions = tables.getNumPartitions();
    for (int first = 0; first < partitions; first += TABLES_PER_JOB) {
      int[] batch = new int[Math.min(TABLES_PER_JOB, partitions - first)];
      for (int i = 0; i < batch.length; i++) batch[i] = first + i;
      for (List<CountsPart> partition : tables.collectPartitions(batch)) {
        for (CountsPart part : partition) {
          tally.decodeInto(part.words(), counts);
          documents += part.documents();
          bytes += part.bytes();
          invalid += part.invalidUtf8();
        }
      }
    }
    return new CorpusStats(documents, bytes, invalid);
  }

  /** Adds up the parts of one bucket. */
  private static <C> Iterator<CountsPart> merge(Iterator<Tuple2<Integer, CountsPart>> parts, Tally<?, C> tally) {
    C words = tally.newTable();
    long documents = 0;
    long bytes = 0;
    long invalid = 0;
    while (parts.hasNext()) {
      CountsPart part = parts.next()._2();
      tally.decodeInto(part.words(), words);
      documents += part.documents();
      bytes += part.bytes();
      invalid += part.invalidUtf8();
    }
    return List.of(new CountsPart(tally.encode(words, 1)[0], documents, bytes, invalid)).iterator();
  }

  /** Bucket b goes to partition b. */
  private static final class Buckets extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int buckets;

    Buckets(int buckets) {
      this.buckets = buckets;
    }

    @Override
    public int numPartitions() {
      return buckets;
    }

    @Override
    public int getPartition(Object key) {
      return (Integer) key;
    }
  }
}
