package dev.toksmith.spark;

import dev.toksmith.WordCountTrainer;
import dev.toksmith.WordCounts;
import dev.toksmith.api.CorpusStats;
import dev.toksmith.api.DocumentSink;
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
import picocli.CommandLine.Option;
import scala.Tuple2;

/**
 * {@code train}'s word counting on Spark. Each task counts the words of one split with the trainer's
 * own counter (the same normalization and pre-tokenization as on one machine) into one table, a
 * map-side combine, and cuts the table into buckets by word; the shuffle brings each bucket's parts
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

  @Override
  public CorpusStats count(WordCountTrainer<?> trainer, List<String> inputs, String jsonlField, WordCounts counts) throws IOException {
    spark.check(jsonlField);
    if (countPartitions != null && countPartitions < 1) throw new IllegalArgumentException("--count-partitions must be at least 1: " + countPartitions);
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.session("toksmith train").sparkContext());
    HadoopConf conf = new HadoopConf(sc.hadoopConfiguration());
    return JobFailures.explained(() -> count(sc, conf, trainer, inputs, jsonlField, counts));
  }

  private CorpusStats count(JavaSparkContext sc, HadoopConf conf, WordCountTrainer<?> trainer, List<String> inputs, String jsonlField, WordCounts counts)
      throws IOException {
    List<InputSplit> splits = Inputs.plan(sc, conf, inputs, spark.parquetColumn, spark.splitBytes());
    if (splits.isEmpty()) return new CorpusStats(0, 0, 0);
    String column = spark.parquetColumn;
    boolean shuffle = countPartitions != null || splits.size() > DRIVER_ADDS_AT_MOST;
    int buckets = !shuffle ? 1 : countPartitions != null ? countPartitions : sc.defaultParallelism();

    JavaPairRDD<Integer, CountsPart> counted = sc.parallelize(splits, splits.size()).mapPartitionsToPair(assigned -> {
      List<Tuple2<Integer, CountsPart>> parts = new ArrayList<>();
      SplitReader reader = new SplitReader(conf.get(), column);
      while (assigned.hasNext()) {
        WordCounts words = new WordCounts();
        DocumentSink counter = trainer.wordCounter(words);
        CorpusStats read = reader.trainingDocuments(assigned.next(), jsonlField, counter);
        byte[][] encoded = CountsCodec.encode(words, buckets);
        for (int b = 0; b < buckets; b++) {
          boolean first = b == 0;
          if (encoded[b].length > 0 || first) {
            parts.add(new Tuple2<>(b, new CountsPart(encoded[b], first ? read.documents() : 0, first ? read.bytes() : 0, first ? read.invalidUtf8Sequences() : 0)));
          }
        }
      }
      return parts.iterator();
    });
    JavaRDD<CountsPart> tables = shuffle ? counted.partitionBy(new Buckets(buckets)).mapPartitions(SparkWordCounting::merge) : counted.values();
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
          CountsCodec.decodeInto(part.words(), counts);
          documents += part.documents();
          bytes += part.bytes();
          invalid += part.invalidUtf8();
        }
      }
    }
    return new CorpusStats(documents, bytes, invalid);
  }

  /** Adds up the parts of one bucket. */
  private static Iterator<CountsPart> merge(Iterator<Tuple2<Integer, CountsPart>> parts) {
    WordCounts words = new WordCounts();
    long documents = 0;
    long bytes = 0;
    long invalid = 0;
    while (parts.hasNext()) {
      CountsPart part = parts.next()._2();
      CountsCodec.decodeInto(part.words(), words);
      documents += part.documents();
      bytes += part.bytes();
      invalid += part.invalidUtf8();
    }
    return List.of(new CountsPart(CountsCodec.encode(words, 1)[0], documents, bytes, invalid)).iterator();
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
