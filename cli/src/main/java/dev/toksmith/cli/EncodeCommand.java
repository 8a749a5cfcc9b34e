package dev.toksmith.cli;

import dev.toksmith.StreamingEncoder;
import dev.toksmith.TokenizerSpec;
import dev.toksmith.api.Encoding;
import dev.toksmith.api.Tokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code toksmith encode}; its model is built by {@link #spec}, without annotations (see {@link FieldOptions}). */
final class EncodeCommand implements Callable<Integer> {
  static final String NAME = "encode";

  Main main;
  CommandSpec spec;

  // Set by the command line (see spec), as are the mixins'.
  final TokenizerOption tokenizer = new TokenizerOption();
  final ThreadsOption threads = new ThreadsOption();
  List<String> files = new ArrayList<>();
  Format format;
  boolean offsets;
  final EncodingOptions encoding = new EncodingOptions();
  final WordPooledLayout wordPooled = new WordPooledLayout();
  Path output;

  enum Format {
    ids,
    tokens,
    jsonl,
    npy
  }

  /** The model of {@code encode} run under {@code main}: its help, options and parameters. */
  static CommandSpec spec(Main main) {
    EncodeCommand command = new EncodeCommand();
    command.main = main;
    CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(NAME);
    command.spec = spec;
    spec.usageMessage().description(
        "Encode text to token ids, one output line per input line.",
        "Lines end at \\n only (a \\r stays in the text); the newline is not encoded. Bytes that are not UTF-8 are kept exactly "
            + "by byte-level tokenizers, so decode gives the input back byte for byte.");
    spec.addMixin("tokenizer", command.tokenizer.mixin());
    command.threads.addTo(spec);
    spec.addPositional(FieldOptions.parameters(command, "files").paramLabel("FILE").arity("0..*")
        .description("Input files (default: standard input; - also means standard input).")
        .build());
    spec.addOption(FieldOptions.option(command, "format", "--format").paramLabel("FORMAT").defaultValue("ids")
        .description("ids (space-separated), tokens (vocabulary forms), or jsonl ({\"ids\":[...],\"tokens\":[...]}) (default: ${DEFAULT-VALUE}); jsonl (the default) or npy for word-pooled tokenizers.")
        .build());
    spec.addOption(FieldOptions.option(command, "offsets", "--offsets")
        .description("With --format jsonl, add \"offsets\": [[start, end], ...] in code points of the line.")
        .build());
    spec.addMixin("encoding", command.encoding.mixin());
    spec.addMixin("wordPooled", command.wordPooled.mixin());
    spec.addOption(FieldOptions.option(command, "output", "-o", "--output").paramLabel("FILE")
        .description("Where to write the output, written whole or not at all (default: - for standard output). Word-pooled tokenizers "
            + "with --format npy: the new directory to write ids.npy, lengths.npy, continuation.npy and mask.npy into.")
        .build());
    FieldOptions.addStandardHelpOptions(spec);
    return spec;
  }

  @Override
  public Integer call() throws Exception {
    if (tokenizer.parse(spec) instanceof TokenizerSpec.WordPooled pooled) return WordPooledCli.encode(main, spec, pooled, wordPooled, files, output);
    WordPooledCli.rejectOptions(spec);
    if (offsets && format != Format.jsonl) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--offsets needs --format jsonl");
    int workers = threads.count();
    Path target = output == null ? Path.of(OutputFile.STDOUT) : output;
    OutputFile.check(target);
    Tokenizer tok;
    try {
      encoding.check();
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    Tokenizer loaded = tokenizer.load(main.tokenizerAhead);
    try {
      tok = encoding.configure(loaded);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    StreamingEncoder longLines = StreamingEncoder.of(tok).orElse(null);
    Progress progress = new Progress(main.streams.err(), main.streams.stderrIsTerminal());
    LinePipeline.StreamingLineJob job = new LinePipeline.StreamingLineJob() {
      @Override
      public void run(byte[] bytes, int from, int to, ByteSink out) throws LinePipeline.BadLineException {
        encodeLine(tok, bytes, from, to, out);
      }

      /** Ids or tokens of raw bytes, nothing added, cut or padded: what a window-by-window encoding gives. */
      @Override
      public boolean streams() {
        return rawBytes() && longLines != null;
      }

      @Override
      public void runStreaming(InputStream line, OutputStream out) throws LinePipeline.BadLineException, IOException {
        encodeLongLine(tok, longLines, line, out);
      }
    };
    // A JSON lines record always gives a line, even the last one without its \n.
    try (LinePipeline pipeline = new LinePipeline(workers, encoding.jsonlField() != null, job); OutputFile out = OutputFile.open(main, target)) {
      pipeline.run(files, main.streams.in(), out.stream(), progress, "encoding");
      out.commit();
    }
    return 0;
  }

  /** Whether lines are encoded as raw bytes, which byte-level tokenizers keep exactly. */
  private boolean rawBytes() {
    return encoding.keepsRawBytes() && format != Format.jsonl;
  }

  /** A line too long to hold, encoded window by window, its ids written as they come. */
  private void encodeLongLine(Tokenizer tok, StreamingEncoder encoder, InputStream line, OutputStream out) throws LinePipeline.BadLineException, IOException {
    ByteSink sink = new ByteSink(1 << 17);
    StringBuilder token = new StringBuilder();
    boolean[] first = {true};
    try {
      encoder.encode(line, id -> {
        if (!first[0]) sink.write(' ');
        first[0] = false;
        if (format == Format.ids) {
          sink.writeInt(id);
        } else {
          token.setLength(0);
          TokenDisplay.appendEscaped(token, tok.idToToken(id).orElseThrow());
          sink.write(token.toString().getBytes(StandardCharsets.UTF_8));
        }
        if (sink.size() >= 1 << 16) {
          try {
            sink.writeTo(out, sink.size());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          sink.clear();
        }
      });
    } catch (IllegalArgumentException e) {
      throw new LinePipeline.BadLineException(e.getMessage());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    sink.writeTo(out, sink.size());
  }

  private void encodeLine(Tokenizer tok, byte[] bytes, int from, int to, ByteSink out) throws LinePipeline.BadLineException {
    // A blank line in JSON lines holds no record; it gives an empty output line, keeping lines aligned.
    if (!encoding.holdsDocument(bytes, from, to)) return;
    try {
      if (format == Format.jsonl) {
        EncodingOptions.Text text = encoding.text(bytes, from, to, "invalid UTF-8" + (encoding.jsonlField() == null ? " (only --format ids or tokens without --add-special-tokens keep raw bytes)" : ""));
        Encoding e = tok.encode(text.first(), text.pair(), encoding.addSpecialTokens());
        JsonlOutput.write(out, tok, e, text.first(), text.pair(), offsets);
      } else if (format == Format.ids && encoding.keepsRawBytes()) {
        tok.encodeBytes(bytes, from, to, out);
      } else {
        int[] ids = encoding.ids(tok, bytes, from, to);
        if (format == Format.ids) out.writeIds(ids);
        else writeTokens(out, tok, ids);
      }
    } catch (IllegalArgumentException e) {
      throw new LinePipeline.BadLineException(e.getMessage());
    }
  }

  private static void writeTokens(ByteSink out, Tokenizer tok, int[] ids) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < ids.length; i++) {
      if (i > 0) sb.append(' ');
      TokenDisplay.appendEscaped(sb, tok.idToToken(ids[i]).orElseThrow());
    }
    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
  }
}
