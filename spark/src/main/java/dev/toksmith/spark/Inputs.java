package dev.toksmith.spark;

import dev.toksmith.Corpus;
import dev.toksmith.Utf8Text;
import dev.toksmith.api.CorpusException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The files the inputs stand for, in the order {@code toksmith train} reads them, and their cutting
 * into splits. Inputs are paths any Hadoop file system serves (local, {@code hdfs://}, {@code s3a://},
 * ...). A directory stands for the files below it, recursively, sorted by their whole path in code
 * point order, and names starting with "." (below the directory) are skipped, as {@code train} does;
 * for Parquet also names starting with "_", as Spark skips them ({@code _SUCCESS}, {@code _metadata}).
 */
final class Inputs {
  /** Splits are not made smaller than this (Spark's spark.sql.files.openCostInBytes). */
  private static final long MIN_SPLIT_BYTES = 4L << 20;

  private Inputs() {}

  /**
   * A file to read.
   *
   * @param path the file as Hadoop names it
   * @param name the file as the input named it: the input, and below a directory the rest of the path
   * @param length its size in bytes
   */
  record InputFile(String path, String name, long length) implements java.io.Serializable {}

  /**
   * The splits of {@code inputs}, in reading order: of text or JSON lines, or with {@code
   * parquetColumn} of Parquet files, whose footers the executors read (the number of rows of each
   * split is known from them, so Parquet splits come with their first document's position). Splits
   * hold at most {@code splitBytes}, and less when that leaves cores idle: the inputs' size divided
   * by Spark's default parallelism, but not under 4 MB.
   */
  static List<InputSplit> plan(JavaSparkContext sc, HadoopConf conf, List<String> inputs, String parquetColumn, long splitBytes) throws IOException {
    List<InputFile> files = files(inputs, conf.get(), parquetColumn != null ? "._" : ".");
    // As Spark sizes file splits: no larger than asked, and small enough to give every core work.
    long total = 0;
    for (InputFile file : files) total += file.length();
    splitBytes = Math.min(splitBytes, Math.max(MIN_SPLIT_BYTES, total / sc.defaultParallelism()));
    if (parquetColumn == null) return textSplits(files, conf.get(), splitBytes);
    if (files.isEmpty()) return List.of();
    int slices = Math.min(files.size(), 4 * sc.defaultParallelism());
    List<long[][]> groups = sc.parallelize(files, slices).map(f -> ParquetColumn.rowGroups(conf.get(), f.path(), f.name(), parquetColumn)).collect();
    List<InputSplit> splits = new ArrayList<>();
    long document = 0;
    for (int f = 0; f < files.size(); f++) {
      InputFile file = files.get(f);
      long[] rows = groups.get(f)[0];
      long[] sizes = groups.get(f)[1];
      for (int from = 0, to; from < rows.length; from = to) {
        long bytes = sizes[from];
        for (to = from + 1; to < rows.length && bytes + sizes[to] <= splitBytes; to++) bytes += sizes[to];
        String name = rows.length == to - from ? file.name() : file.name() + " (row groups " + from + "-" + (to - 1) + ")";
        splits.add(new InputSplit(InputSplit.Kind.PARQUET_ROW_GROUPS, file.path(), name, from, to, document));
        for (int g = from; g < to; g++) document += rows[g];
      }
    }
    return splits;
  }

  /**
   * Consecutive splits packed into the tasks of a counting job, as Spark packs small files into
   * partitions: each split weighs its bytes plus the cost of opening a file (4 MB, Spark's
   * spark.sql.files.openCostInBytes), and a task takes splits until they weigh the split size, or
   * less when that gives every core a task. Many small files are so counted by a few tasks instead of
   * a task each, whose fixed cost would exceed their work. A Parquet split (sized by its row groups
   * already) is a task of its own.
   *
   * @param split the split an item reads
   */
  static <T> List<List<T>> pack(List<T> items, java.util.function.Function<T, InputSplit> split, long splitBytes, int parallelism) {
    long total = 0;
    for (T item : items) total += weight(split.apply(item), splitBytes);
    long target = Math.min(splitBytes, Math.max(MIN_SPLIT_BYTES, total / parallelism));
    List<List<T>> packs = new ArrayList<>();
    List<T> pack = new ArrayList<>();
    long weight = 0;
    for (T item : items) {
      long w = weight(split.apply(item), splitBytes);
      if (!pack.isEmpty() && weight + w > target) {
        packs.add(pack);
        pack = new ArrayList<>();
        weight = 0;
      }
      pack.add(item);
      weight += w;
    }
    if (!pack.isEmpty()) packs.add(pack);
    return packs;
  }

  private static long weight(InputSplit split, long splitBytes) {
    return split.kind() == InputSplit.Kind.PARQUET_ROW_GROUPS ? splitBytes : split.end() - split.start() + MIN_SPLIT_BYTES;
  }

  /**
   * The files {@code inputs} stand for, in reading order.
   *
   * @throws CorpusException if an input is missing or is standard input
   */
  /** @param hidden the first characters of names skipped below a directory */
  private static List<InputFile> files(List<String> inputs, Configuration conf, String hidden) throws IOException {
    List<InputFile> files = new ArrayList<>();
    for (String input : inputs) {
      if (input.equals("-")) throw new CorpusException("a distributed job cannot read standard input (-): give files or directories");
      Path path = new Path(input);
      FileSystem fs = path.getFileSystem(conf);
      FileStatus status;
      try {
        status = fs.getFileStatus(path);
      } catch (FileNotFoundException e) {
        throw new CorpusException("no such file or directory: " + input, e);
      }
      if (!status.isDirectory()) {
        files.add(new InputFile(status.getPath().toString(), input, status.getLen()));
        continue;
      }
      String root = status.getPath().toUri().getPath();
      String prefix = input.endsWith("/") ? input.substring(0, input.length() - 1) : input;
      List<InputFile> below = new ArrayList<>();
      walk(fs, status, root, prefix, hidden, below);
      below.sort(Comparator.comparing(InputFile::name, Utf8Text.CODE_POINT_ORDER));
      files.addAll(below);
    }
    return files;
  }

  private static void walk(FileSystem fs, FileStatus dir, String root, String prefix, String hidden, List<InputFile> files) throws IOException {
    for (FileStatus child : fs.listStatus(dir.getPath())) {
      String name = child.getPath().getName();
      if (!name.isEmpty() && hidden.indexOf(name.charAt(0)) >= 0) continue;
      if (child.isDirectory()) {
        walk(fs, child, root, prefix, hidden, files);
      } else if (child.isFile()) {
        String below = child.getPath().toUri().getPath().substring(root.length());
        files.add(new InputFile(child.getPath().toString(), prefix + (below.startsWith("/") ? below : "/" + below), child.getLen()));
      }
    }
  }

  /**
   * Text or JSON lines splits: a plain text file longer than {@code splitBytes} is cut into byte
   * ranges of that size, each holding the lines that start in it; any other file (a short one, or one
   * compressed or archived, which cannot be cut) is one split.
   */
  private static List<InputSplit> textSplits(List<InputFile> files, Configuration conf, long splitBytes) throws IOException {
    List<InputSplit> splits = new ArrayList<>();
    for (InputFile file : files) {
      if (file.length() <= splitBytes || !isPlainText(file, conf)) {
        splits.add(new InputSplit(InputSplit.Kind.WHOLE_FILE, file.path(), file.name(), 0, file.length(), -1));
        continue;
      }
      // As many parts as splitBytes needs, all of one size (no sliver at the end).
      long parts = (file.length() + splitBytes - 1) / splitBytes;
      long size = (file.length() + parts - 1) / parts;
      for (long start = 0; start < file.length(); start += size) {
        long end = Math.min(file.length(), start + size);
        splits.add(new InputSplit(InputSplit.Kind.TEXT_RANGE, file.path(), file.name() + " (bytes " + start + "-" + end + ")", start, end, -1));
      }
    }
    return splits;
  }

  private static boolean isPlainText(InputFile file, Configuration conf) throws IOException {
    Path path = new Path(file.path());
    try (InputStream in = path.getFileSystem(conf).open(path)) {
      return Corpus.isPlainText(in);
    }
  }
}
