package dev.toksmith.spark;

import com.sun.management.OperatingSystemMXBean;
import dev.toksmith.ByteLevelBpeTrainer;
import dev.toksmith.Corpus;
import dev.toksmith.WordCounts;
import dev.toksmith.api.CorpusStats;
import dev.toksmith.api.ReadProgress;
import dev.toksmith.SentencePieceCounts;
import dev.toksmith.SentencePieceTrainer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * The word count of {@code train} on one machine (its reading phase: {@code WordCounts.count} on N
 * threads) against the Spark job's (in local[N], in this JVM, the session started beforehand: plan
 * the splits, count in tasks, shuffle the buckets, merge them, collect every word to the driver),
 * and against the job's way of working without Spark (N plain threads, each reading and counting a
 * part), on the same file, each going first in turn, with wall and process CPU time (user + system,
 * all threads) per run and their medians. Both must count the same words. Then the time the driver
 * takes to learn 32k merges from the counts. Run by {@code spark/word-count-benchmark.sh}.
 *
 * <p>With {@code sentences}, SentencePiece's counting instead (Unigram's defaults: each sentence
 * normalized with nmt_nfkc, each word counted with the character after it): {@code
 * SentencePieceTrainer.count} on N threads against the job's {@code countSentences}. A directory is
 * read as {@code train} reads it (every file a part of the job's; no plain-threads row).
 *
 * <p>usage: WordCountComparison FILE|DIR [RUNS] [CORES] [words|sentences]
 */
public final class WordCountComparison {
  private static final int WARM_UP_RUNS = 2;
  private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private WordCountComparison() {}

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int cores = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    boolean sentences = args.length > 3 && args[3].equals("sentences");
    long size;
    try (var files = Files.walk(file)) {
      size = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
    System.out.printf(Locale.ROOT, "input: %s, %d bytes; %s; %d runs each, alternating; %d cores (local[%d] and %d counting threads)%n",
        file, size, sentences ? "SentencePiece's sentence counts" : "word counts", runs, cores, cores, cores);
    System.out.println("load before: " + loadAverage());
    long started = System.nanoTime();
    long cpu = OS.getProcessCpuTime();
    SparkSession.builder().master("local[" + cores + "]").appName("word count comparison").config("spark.ui.enabled", "false").getOrCreate();
    System.out.printf(Locale.ROOT, "Spark session started in %.2f s wall, %.2f s CPU (once per job, not counted below)%n",
        (System.nanoTime() - started) / 1e9, (OS.getProcessCpuTime() - cpu) / 1e9);
    ByteLevelBpeTrainer trainer = ByteLevelBpeTrainer.builder().threads(cores).build();
    SparkWordCounting spark = new SparkWordCounting();

    // The job's way of working without Spark: a plain thread per part, each reading and counting its
    // part alone, as a task does. On a busy machine such threads get far less of a core than train's
    // pipeline (one thread reads, others count), whatever Spark does; this row shows how much.
    SentencePieceTrainer sentencePiece = SentencePieceTrainer.unigram().threads(cores).build();
    List<Counting> contenders = new ArrayList<>();
    if (sentences) {
      contenders.add(new Counting("one machine", () -> sentenceSummary(sentencePiece.count(Corpus.of(file.toString())))));
      contenders.add(new Counting("Spark", () -> {
        SentencePieceCounts counts = sentencePiece.newCounts();
        spark.countSentences(sentencePiece, List.of(file.toString()), null, counts);
        return sentenceSummary(counts);
      }));
    } else {
      contenders.add(new Counting("one machine", words(counts -> counts.count(Corpus.of(file.toString()), trainer::wordCounter, cores, ReadProgress.NONE))));
      contenders.add(new Counting("Spark", words(counts -> spark.count(trainer, List.of(file.toString()), null, counts))));
      if (!Files.isDirectory(file)) contenders.add(new Counting("plain threads", words(counts -> partsOnThreads(file, cores, trainer, counts))));
    }
    List<List<double[]>> times = new ArrayList<>();
    for (int c = 0; c < contenders.size(); c++) times.add(new ArrayList<>());
    for (int run = -WARM_UP_RUNS; run < runs; run++) { // the warm-up runs let the JIT compile Spark's hot code; not counted
      for (int turn = 0; turn < contenders.size(); turn++) {
        int c = Math.floorMod(run + turn, contenders.size()); // each goes first in turn
        System.gc();
        long wall = System.nanoTime();
        long cpuBefore = OS.getProcessCpuTime();
        long jitBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        long gcBefore = gcMillis();
        String counted = contenders.get(c).count().run();
        double[] time = {(System.nanoTime() - wall) / 1e9, (OS.getProcessCpuTime() - cpuBefore) / 1e9};
        System.out.printf(Locale.ROOT, "%-7s %-13s %6.2f s wall %6.2f s CPU (JIT %.2f s, GC pauses %.2f s)   %s%n",
            run < 0 ? "warm-up" : "run " + run, contenders.get(c).name(), time[0], time[1],
            (ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitBefore) / 1e3, (gcMillis() - gcBefore) / 1e3, counted);
        if (run >= 0) times.get(c).add(time);
      }
    }
    double[] one = medians(times.get(0));
    for (int c = 0; c < contenders.size(); c++) {
      double[] m = medians(times.get(c));
      System.out.printf(Locale.ROOT, "median  %-13s %6.2f s wall %6.2f s CPU   %.2fx wall, %.2fx CPU of one machine%n", contenders.get(c).name(), m[0], m[1], m[0] / one[0], m[1] / one[1]);
    }
    if (sentences) {
      System.out.println("load after: " + loadAverage());
      SparkSession.getDefaultSession().get().stop();
      return;
    }
    // What the driver does next: learn 32k merges from the counts, on one core.
    WordCounts counts = new WordCounts();
    CorpusStats read = counts.count(Corpus.of(file.toString()), trainer::wordCounter, cores, ReadProgress.NONE);
    int words = counts.size();
    ByteLevelBpeTrainer learner = ByteLevelBpeTrainer.builder().vocabSize(32_000).build();
    long wall = System.nanoTime();
    long cpuBefore = OS.getProcessCpuTime();
    int merges = learner.train(counts, read).merges();
    double seconds = (OS.getProcessCpuTime() - cpuBefore) / 1e9;
    System.out.printf(Locale.ROOT, "learning %d merges from the %d distinct words: %.2f s wall %.2f s CPU (%.1f microseconds of CPU per distinct word)%n",
        merges, words, (System.nanoTime() - wall) / 1e9, seconds, seconds * 1e6 / words);
    System.out.println("load after: " + loadAverage());
    SparkSession.getDefaultSession().get().stop();
  }

  /** One way of counting the input; returns what it counted, for the row. */
  private record Counting(String name, Count count) {}

  @FunctionalInterface
  private interface Count {
    String run() throws IOException;
  }

  @FunctionalInterface
  private interface WordCount {
    CorpusStats apply(WordCounts counts) throws IOException;
  }

  private static Count words(WordCount count) {
    return () -> {
      WordCounts counts = new WordCounts();
      CorpusStats read = count.apply(counts);
      return read.documents() + " documents, " + counts.size() + " distinct words";
    };
  }

  private static String sentenceSummary(SentencePieceCounts counts) {
    return counts.sentences() + " sentences, " + counts.distinctWords() + " distinct (word, next character)";
  }

  /** The file cut into {@code parts} ranges at line ends, each read and counted by a thread of its own, the tables added up. */
  private static CorpusStats partsOnThreads(Path file, int parts, ByteLevelBpeTrainer trainer, WordCounts counts) throws IOException {
    long length = Files.size(file);
    WordCounts[] tables = new WordCounts[parts];
    CorpusStats[] read = new CorpusStats[parts];
    IOException[] failure = new IOException[1];
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      int part = p;
      InputSplit split = new InputSplit(InputSplit.Kind.TEXT_RANGE, file.toUri().toString(), file.toString(), p * length / parts, (p + 1) * length / parts, -1);
      Thread thread = new Thread(() -> {
        tables[part] = new WordCounts();
        try {
          read[part] = new SplitReader(new org.apache.hadoop.conf.Configuration(), null).trainingDocuments(split, null, trainer.wordCounter(tables[part]));
        } catch (IOException e) {
          failure[0] = e;
        }
      });
      thread.start();
      threads.add(thread);
    }
    try {
      for (Thread thread : threads) thread.join();
    } catch (InterruptedException e) {
      throw new IOException(e);
    }
    if (failure[0] != null) throw failure[0];
    long documents = 0;
    long bytes = 0;
    long invalid = 0;
    for (int p = 0; p < parts; p++) {
      counts.addAll(tables[p]);
      documents += read[p].documents();
      bytes += read[p].bytes();
      invalid += read[p].invalidUtf8Sequences();
    }
    return new CorpusStats(documents, bytes, invalid);
  }

  private static long gcMillis() {
    long millis = 0;
    for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) millis += gc.getCollectionTime();
    return millis;
  }

  private static double[] medians(List<double[]> times) {
    double[] medians = new double[2];
    for (int k = 0; k < 2; k++) {
      List<Double> values = new ArrayList<>();
      for (double[] t : times) values.add(t[k]);
      Collections.sort(values);
      int n = values.size();
      medians[k] = n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }
    return medians;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return String.format(Locale.ROOT, "%.2f", OS.getSystemLoadAverage());
    }
  }
}
