package dev.toksmith.spark;

import dev.toksmith.api.Tokenizer;
import dev.toksmith.cli.EncodingOptions;
import dev.toksmith.cli.Output;
import dev.toksmith.cli.TokenizerOption;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The Spark job's {@code encode}: the command line's ids for every document of the inputs, written as
 * Parquet with the columns doc_id (long, the document's position in the input from 0), ids
 * (array&lt;int&gt;) and token_count (int); or with {@code --pack N}, sequences of N ids.
 */
@Command(
    name = "encode",
    mixinStandardHelpOptions = true,
    description = {
      "Encode every document of the inputs to token ids, as toksmith encode does, and write them as Parquet with the "
          + "columns doc_id (long: the document's position in the input, from 0), ids (array<int>) and token_count (int).",
      "Documents: each line of text without its \\n (split at \\n only; a \\r is kept), each JSON line's --jsonl-field, "
          + "or each Parquet row's --parquet-column. Compressed files and archives are read as train reads them."
    })
final class SparkEncodeCommand implements Callable<Integer> {
  /** Tried in this order for --pack when no --eot is given. */
  static final List<String> END_OF_TEXT = List.of("<|endoftext|>", "<|end_of_text|>", "</s>", "<eos>", "<|end|>");

  @Spec CommandSpec spec;

  final TokenizerOption tokenizer = new TokenizerOption();

  @Mixin(name = "tokenizer") picocli.CommandLine.Model.CommandSpec tokenizerOptions = tokenizer.mixin();

  final EncodingOptions encoding = new EncodingOptions();

  @Mixin(name = "encoding") picocli.CommandLine.Model.CommandSpec encodingOptions = encoding.mixin();

  @Mixin SparkOptions spark;

  @Parameters(paramLabel = "INPUT", arity = "1..*", description = "Files or directories (read recursively) on any file system Spark reads (local paths, hdfs://, s3a://).")
  List<String> inputs = new ArrayList<>();

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "The Parquet directory to write; it must not exist.")
  String output;

  @Option(names = "--pack", paramLabel = "N", description = "Instead, write the ids of all documents in input order, with the end-of-text id between documents, "
      + "cut into sequences of exactly N ids: columns seq_id (long, from 0) and ids. The ids after the last whole sequence are left out.")
  Integer pack;

  @Option(names = "--eot", paramLabel = "TOKEN", description = "With --pack: the token between documents (default: the tokenizer's first special token of "
      + "<|endoftext|>, <|end_of_text|>, </s>, <eos>, <|end|>).")
  String endOfText;

  /** Where the summary goes: standard error, as the command line's summaries (standard output is for data). */
  private final Output messages;

  SparkEncodeCommand(Output messages) {
    this.messages = messages;
  }

  @Override
  public Integer call() throws Exception {
    try {
      encoding.check();
      spark.check(encoding.jsonlField());
      if (pack != null && pack < 1) throw new IllegalArgumentException("--pack must be at least 1: " + pack);
      if (endOfText != null && pack == null) throw new IllegalArgumentException("--eot goes with --pack");
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    return JobFailures.explained(this::encodeInputs);
  }

  private int encodeInputs() throws IOException {
    long started = System.nanoTime();
    SparkSession session = spark.session("toksmith encode");
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(session.sparkContext());
    HadoopConf conf = new HadoopConf(sc.hadoopConfiguration());
    Path outputPath = new Path(output);
    if (outputPath.getFileSystem(conf.get()).exists(outputPath)) throw new FileAlreadyExistsException(output);
    ShippedTokenizer shipped;
    Tokenizer tok;
    try {
      shipped = ShippedTokenizer.of(tokenizer, encoding, conf.get());
      tok = shipped.tokenizer();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    int endOfTextId = pack == null ? -1 : endOfTextId(tok);

    try {
      return encodeInto(session, sc, conf, shipped, tok, endOfTextId, started);
    } catch (Exception e) { // also Spark's SparkException, which its actions throw undeclared
      // A failed job leaves the directory it began (Spark removes only its temporary files): never half an output.
      outputPath.getFileSystem(conf.get()).delete(outputPath, true);
      throw e;
    }
  }

  private int encodeInto(SparkSession session, JavaSparkContext sc, HadoopConf conf, ShippedTokenizer shipped, Tokenizer tok, int endOfTextId, long started)
      throws IOException {
    List<InputSplit> splits = numbered(sc, conf, Inputs.plan(sc, conf, inputs, spark.parquetColumn, spark.splitBytes()));
    JavaRDD<EncodedDocument> documents = sc.parallelize(splits, Math.max(1, splits.size())).mapPartitions(encode(shipped, encoding, conf, spark.parquetColumn));
    if (pack == null) {
      Dataset<Row> rows = session.createDataset(documents.rdd(), Encoders.bean(EncodedDocument.class))
          .select(functions.col("docId").as("doc_id"), functions.col("ids"), functions.col("tokenCount").as("token_count"));
      rows.write().parquet(output);
      Row totals = session.read().parquet(output).agg(functions.count("doc_id"), functions.sum("token_count")).first();
      messages.printf(Locale.ROOT, "encoded %d documents into %d tokens in %.1f s%n", totals.getLong(0), totals.isNullAt(1) ? 0 : totals.getLong(1), (System.nanoTime() - started) / 1e9);
      messages.println("wrote " + output + " (Parquet: doc_id, ids, token_count)");
    } else {
      Packing.Packed packed = Packing.pack(sc, documents, pack, endOfTextId, sequences -> session.createDataset(sequences.rdd(), Encoders.bean(PackedSequence.class))
          .select(functions.col("seqId").as("seq_id"), functions.col("ids")).write().parquet(output));
      messages.printf(Locale.ROOT, "packed %d tokens into %d sequences of %d (end of text: %s, id %d) in %.1f s; %d tokens after the last sequence left out%n",
          packed.tokens(), packed.count(), pack, tok.idToToken(endOfTextId).orElse("?"), endOfTextId, (System.nanoTime() - started) / 1e9, packed.dropped());
      messages.println("wrote " + output + " (Parquet: seq_id, ids)");
    }
    return 0;
  }

  /** The splits with the position of their first document: Parquet's from the footers, text's from counting lines. */
  private List<InputSplit> numbered(JavaSparkContext sc, HadoopConf conf, List<InputSplit> splits) {
    if (splits.isEmpty() || spark.parquetColumn != null) return splits;
    EncodingOptions options = encoding;
    List<Long> counts = sc.parallelize(splits, splits.size()).map(split -> {
      long[] documents = {0};
      new SplitReader(conf.get(), null).lines(split, (bytes, from, to) -> {
        if (options.holdsDocument(bytes, from, to)) documents[0]++;
      });
      return documents[0];
    }).collect();
    List<InputSplit> numbered = new ArrayList<>(splits.size());
    long first = 0;
    for (int i = 0; i < splits.size(); i++) {
      numbered.add(splits.get(i).withFirstDocument(first));
      first += counts.get(i);
    }
    return numbered;
  }

  /** Encodes the documents of each split, numbering them from the split's first. */
  private static org.apache.spark.api.java.function.FlatMapFunction<Iterator<InputSplit>, EncodedDocument> encode(
      ShippedTokenizer shipped, EncodingOptions encoding, HadoopConf conf, String parquetColumn) {
    return assigned -> {
      Tokenizer tok = shipped.tokenizer();
      List<InputSplit> mine = new ArrayList<>();
      assigned.forEachRemaining(mine::add);
      return Pushed.<EncodedDocument>of(sink -> {
        SplitReader reader = new SplitReader(conf.get(), parquetColumn);
        for (InputSplit split : mine) {
          long[] next = {split.firstDocument()};
          reader.lines(split, (bytes, from, to) -> {
            if (!encoding.holdsDocument(bytes, from, to)) return;
            int[] ids;
            try {
              ids = encoding.ids(tok, bytes, from, to);
            } catch (IllegalArgumentException e) {
              throw new IOException(split.name() + ": document " + next[0] + ": " + e.getMessage(), e);
            }
            sink.accept(new EncodedDocument(next[0]++, ids));
          });
        }
      });
    };
  }

  private int endOfTextId(Tokenizer tok) {
    if (endOfText != null) {
      OptionalInt id = tok.tokenToId(endOfText);
      if (id.isEmpty()) throw new ParameterException(spec.commandLine(), "--eot " + endOfText + " is not a token of " + tokenizer.spec());
      return id.getAsInt();
    }
    for (String candidate : END_OF_TEXT) {
      if (tok.specialTokens().contains(candidate)) return tok.tokenToId(candidate).orElseThrow();
    }
    throw new ParameterException(spec.commandLine(), tokenizer.spec() + " has none of the special tokens " + String.join(" ", END_OF_TEXT) + ": give --eot TOKEN");
  }
}
