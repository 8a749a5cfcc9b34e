package dev.toksmith;

import dev.toksmith.api.CorpusException;
import dev.toksmith.api.CorpusStats;
import dev.toksmith.api.DocumentSink;
import dev.toksmith.api.DocumentSource;
import dev.toksmith.api.IoSupplier;
import dev.toksmith.api.ReadProgress;
import dev.toksmith.core.corpus.Containers;
import dev.toksmith.core.corpus.CorpusReader;
import dev.toksmith.core.corpus.InputFiles;
import dev.toksmith.core.corpus.JsonLineException;
import dev.toksmith.core.corpus.JsonLines;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The documents a trainer learns from: an immutable, thread-safe description of inputs that {@link
 * #read} streams, in memory that does not grow with the corpus (only with its longest line).
 *
 * <h2>Inputs</h2>
 *
 * Each input of {@link #of(List)} is a file, a directory, or {@code "-"} for standard input ({@link
 * #withStdin}). A directory stands for every regular file below it, recursively, sorted by the whole
 * path string in code point order, which is the byte order of its UTF-8 form ({@code d/a-b.txt}
 * before {@code d/a/x.txt}, as {@code '-' < '/'}); files and directories whose names start with
 * {@code "."} are skipped. Inputs are read in the order given. {@link #ofSources} takes named
 * streams instead, such as class path resources.
 *
 * <h2>Compression and archives</h2>
 *
 * Recognized by content (magic bytes), never by name: gzip (also several members concatenated),
 * bzip2 and xz are decompressed (xz needs the optional {@code org.tukaani:xz} library on the class
 * path); tar (also tar.gz, tar.bz2, tar.xz) and zip yield every regular-file entry in archive order,
 * each itself decompressed if compressed. Entry names are normalised ({@code \\} read as {@code /};
 * {@code .} components dropped; {@code ..} takes back the component before it, so {@code a/../b.txt}
 * is read as {@code b.txt}). Directory entries, links, and hidden entries are skipped: names with a
 * component that starts with {@code "."}, such as macOS's {@code __MACOSX/._notes.txt} junk. Errors
 * name entries as {@code archive.tar.gz!inner/file.txt}. zstd is recognized only to say that it is not
 * supported.
 *
 * <h2>Documents</h2>
 *
 * As Hugging Face's {@code tokenizer.train(files)} sees them: in plain text every line is a
 * document, <em>including</em> its trailing {@code "\n"}; the last line of a file may lack it, and an
 * empty file has no documents. Lines end at {@code "\n"} only: {@code "\r"} is ordinary text, so a
 * CRLF line ends in {@code "\r\n"}. With {@link #withJsonlField} every non-blank line must instead be
 * a JSON object, and its document is the string value of the named top-level field, without any
 * line end added. With {@link #withWholeTexts} a plain-text document is instead a whole file,
 * archive entry or stream, line ends included (an empty file is one empty document), as {@code
 * toksmith compare} reads its datasets.
 *
 * <h2>UTF-8</h2>
 *
 * Decoding is strict: a byte order mark is kept as U+FEFF text, as Hugging Face keeps it, and each
 * maximal subpart of an ill-formed sequence becomes one U+FFFD (the Unicode and WHATWG practice, as
 * Rust's {@code String::from_utf8_lossy}): {@code E2 82 41} gives U+FFFD "A", {@code F0 80 80} three
 * U+FFFD, the encoded surrogate {@code ED A0 80} three, {@code C0 AF} two. {@link
 * CorpusStats#invalidUtf8Sequences()} counts the U+FFFD inserted. In JSON lines, an escaped lone
 * surrogate such as {@code \uD800} becomes that lone surrogate {@code char}, while {@code
 * \uD83D\uDE00} is one code point (U+1F600).
 *
 * <h2>Errors</h2>
 *
 * {@link CorpusException}, with one line that names the input and, for JSON lines, the line number,
 * for example {@code corpus/a.jsonl:17: field "text" is missing}, {@code no such file or directory:
 * corpus/x.txt} or {@code corpus/b.gz: corrupt gzip data (Unexpected end of ZLIB input stream)}.
 * Missing files and directories are reported before anything is read.
 *
 * <pre>{@code
 * Corpus corpus = Corpus.of("corpus/", "more.jsonl.gz").withJsonlField("text");
 * CorpusStats read = corpus.read(document -> System.out.println(document.length()), ReadProgress.NONE);
 * }</pre>
 */
public final class Corpus implements DocumentSource {
  private static final String STDIN = "-";
  private static final String STDIN_NAME = "<stdin>";

  private final List<Input> inputs;
  private final String jsonlField;
  private final boolean wholeTexts;
  /** What "-" reads; null for System.in as it is when reading starts. */
  private final InputStream stdin;

  /**
   * A named stream to read, for example a class path resource.
   *
   * @param name what error messages call the stream, like a file name
   * @param open opens the stream, once per {@link Corpus#read}, which closes it after reading
   */
  public record Source(String name, IoSupplier<InputStream> open) {

    /** Checks that both parts are present. */
    public Source {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(open, "open");
    }
  }

  private Corpus(List<Input> inputs, String jsonlField, boolean wholeTexts, InputStream stdin) {
    this.inputs = inputs;
    this.jsonlField = jsonlField;
    this.wholeTexts = wholeTexts;
    this.stdin = stdin;
  }

  /** A plain-text corpus of files, directories and {@code "-"} (standard input), read in this order. */
  public static Corpus of(List<String> inputs) {
    List<Input> paths = new ArrayList<>(inputs.size());
    for (String input : inputs) paths.add(new PathInput(Objects.requireNonNull(input, "input")));
    return new Corpus(List.copyOf(paths), null, false, null);
  }

  /** A plain-text corpus of files, directories and {@code "-"} (standard input), read in this order. */
  public static Corpus of(String... inputs) {
    return of(List.of(inputs));
  }

  /** A plain-text corpus of named streams, read in this order. */
  public static Corpus ofSources(List<Source> sources) {
    List<Input> named = new ArrayList<>(sources.size());
    for (Source source : sources) named.add(new SourceInput(Objects.requireNonNull(source, "source")));
    return new Corpus(List.copyOf(named), null, false, null);
  }

  /**
   * This corpus read as JSON lines: each non-blank line must be a JSON object, and its document is the
   * string value of its top-level member {@code field} (the last one, should it occur twice).
   */
  public Corpus withJsonlField(String field) {
    return new Corpus(inputs, Objects.requireNonNull(field, "field"), wholeTexts, stdin);
  }

  /**
   * This corpus with every plain-text file, archive entry and stream one document, whole, line ends
   * included; JSON lines stay one document per non-blank line.
   */
  public Corpus withWholeTexts() {
    return new Corpus(inputs, jsonlField, true, stdin);
  }

  /** This corpus with {@code "-"} reading {@code stdin} instead of {@link System#in}; never closed. */
  public Corpus withStdin(InputStream stdin) {
    return new Corpus(inputs, jsonlField, wholeTexts, Objects.requireNonNull(stdin, "stdin"));
  }

  /**
   * The size of the inputs as stored (compressed size for compressed files), which {@link
   * ReadProgress} measures against; -1 if any input is a stream of unknown size (standard input, a
   * {@link Source}, a pipe) or cannot be listed (reading then says why).
   */
  @Override
  public long knownSizeBytes() {
    long total = 0;
    for (Input input : inputs) {
      long size = input.sizeBytes();
      if (size < 0) return -1;
      total += size;
    }
    return total;
  }

  /**
   * Reads every document into {@code sink}, in corpus order, on the calling thread.
   *
   * @param progress hears progress about once per MiB of input as stored, and once at the end
   * @return how many documents and bytes were read, and how many invalid UTF-8 sequences replaced
   * @throws CorpusException if an input is missing, unreadable, corrupt or malformed
   * @throws IOException if reading fails otherwise
   */
  @Override
  public CorpusStats read(DocumentSink sink, ReadProgress progress) throws IOException {
    Objects.requireNonNull(sink, "sink");
    Objects.requireNonNull(progress, "progress");
    InputStream standardInput = stdin != null ? stdin : System.in;
    List<ReadStep> steps = new ArrayList<>(inputs.size());
    for (Input input : inputs) steps.add(input.plan(standardInput));
    CorpusReader reader = documentReader(sink, progress, knownSizeBytes());
    for (ReadStep step : steps) step.readWith(reader);
    return reader.finish();
  }

  private CorpusReader documentReader(DocumentSink sink, ReadProgress progress, long totalBytes) {
    return wholeTexts ? CorpusReader.wholeTexts(jsonlField, sink, progress, totalBytes) : new CorpusReader(jsonlField, sink, progress, totalBytes);
  }

  /**
   * A reader of streams that its caller opens (the parts of a file on a distributed store, the values
   * of a column), which makes documents of them exactly as {@link #read} does with this corpus's
   * settings ({@link #withJsonlField}, {@link #withWholeTexts}); this corpus's own inputs are not read.
   * Not thread-safe: one reader per thread.
   *
   * <pre>{@code
   * Corpus.Reader reader = Corpus.of().withJsonlField("text").reader(sink, ReadProgress.NONE);
   * reader.read("part-0.jsonl.gz", () -> store.open("part-0.jsonl.gz"));
   * CorpusStats stats = reader.finish();
   * }</pre>
   *
   * @param progress hears progress about once per MiB of input as stored, and once at {@link
   *     Reader#finish}, against an unknown total
   */
  public Reader reader(DocumentSink sink, ReadProgress progress) {
    return new Reader(documentReader(Objects.requireNonNull(sink, "sink"), Objects.requireNonNull(progress, "progress"), -1));
  }

  /** Documents from streams its caller opens; see {@link Corpus#reader}. */
  public static final class Reader {
    private final CorpusReader reader;

    private Reader(CorpusReader reader) {
      this.reader = reader;
    }

    /**
     * Opens a stream with {@code open} and reads it to its end as an input of {@link Corpus#read}:
     * decompressed and unpacked by content, its texts made documents; then closes it.
     *
     * @throws CorpusException if the stream cannot be opened, or is corrupt or malformed
     */
    public void read(String name, IoSupplier<InputStream> open) throws IOException {
      reader.readSource(name, open);
    }

    /**
     * Reads {@code in} to its end as plain text, without looking for compression or archives: for a
     * part of a plain-text file cut at a line end, or a value that is text whatever its first bytes
     * are. Does not close {@code in}.
     */
    public void readPlainText(String name, InputStream in) throws IOException {
      reader.readPlainText(name, in);
    }

    /** Reports the final progress and returns what was read, in all. */
    public CorpusStats finish() {
      return reader.finish();
    }
  }

  /** Receives one text that {@link #forEachText} finds; must not close it. */
  @FunctionalInterface
  public interface TextHandler {
    /** Reads one text, named as errors should name it ({@code archive.tar!inner/file.txt}). */
    void text(String name, InputStream in) throws IOException;
  }

  /**
   * Hands each text inside {@code in} to {@code handler}, as {@link #read} unpacks an input:
   * decompressed, each regular entry of an archive, or {@code in} itself when it is plain text. Does
   * not close {@code in}.
   *
   * @throws CorpusException if {@code in} is corrupt, or zstd-compressed
   */
  public static void forEachText(InputStream in, String name, TextHandler handler) throws IOException {
    Containers.forEachText(in, name, handler::text);
  }

  /**
   * Whether {@link #read} would take a stream as plain text, neither compressed nor an archive, from
   * its first bytes; reads up to 512 bytes of {@code in}. Such a stream can be cut at line ends and
   * its parts read apart ({@link Reader#readPlainText}).
   */
  public static boolean isPlainText(InputStream in) throws IOException {
    byte[] head = new byte[Containers.HEAD_BYTES];
    return Containers.isText(head, in.readNBytes(head, 0, head.length));
  }

  /**
   * The document of one JSON line as {@link #withJsonlField} reads it: the string value of the line's
   * top-level member {@code field}.
   *
   * @throws IllegalArgumentException if the line is not one JSON object (RFC 8259, strictly), or lacks
   *     the field as a string; the message is one line, such as {@code field "text" is missing}
   */
  public static String jsonlField(String line, String field) {
    try {
      return JsonLines.stringField(line, field);
    } catch (JsonLineException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * Opens one file as a corpus reads it, before any decompression: as {@link
   * java.nio.file.Files#newInputStream} does, except that pipes work too (a FIFO, or the {@code
   * /dev/fd/N} of a shell's process substitution {@code <(zcat x.gz)}).
   */
  public static InputStream openFile(Path file) throws IOException {
    return InputFiles.open(file);
  }

  /** Reading one input, planned ahead so that missing files fail before anything is read. */
  @FunctionalInterface
  private interface ReadStep {
    void readWith(CorpusReader reader) throws IOException;
  }

  private interface Input {
    ReadStep plan(InputStream stdin) throws CorpusException;

    long sizeBytes();
  }

  private record PathInput(String path) implements Input {
    @Override
    public ReadStep plan(InputStream stdin) throws CorpusException {
      if (path.equals(STDIN)) return reader -> reader.readStream(STDIN_NAME, stdin);
      Path input;
      try {
        input = Path.of(path);
      } catch (InvalidPathException e) {
        throw new CorpusException("invalid path: " + path, e);
      }
      List<Path> files = InputFiles.expand(input);
      return reader -> {
        for (Path file : files) reader.readFile(file);
      };
    }

    @Override
    public long sizeBytes() {
      if (path.equals(STDIN)) return -1;
      try {
        return InputFiles.sizeOf(Path.of(path));
      } catch (InvalidPathException e) {
        return -1;
      }
    }
  }

  private record SourceInput(Source source) implements Input {
    @Override
    public ReadStep plan(InputStream stdin) {
      return reader -> reader.readSource(source.name(), source.open());
    }

    @Override
    public long sizeBytes() {
      return -1;
    }
  }
}
