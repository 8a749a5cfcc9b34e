package dev.toksmith.cli;

import dev.toksmith.TokenizerSpec;
import dev.toksmith.Utf8Text;
import dev.toksmith.api.DecodeStream;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.api.TokenizerDescription;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code toksmith decode}; its model is built by {@link #spec}, without annotations (see {@link FieldOptions}). */
final class DecodeCommand implements Callable<Integer> {
  static final String NAME = "decode";

  Main main;
  CommandSpec spec;

  // Set by the command line (see spec), as are the mixins'.
  final TokenizerOption tokenizer = new TokenizerOption();
  final ThreadsOption threads = new ThreadsOption();
  List<String> files = new ArrayList<>();
  boolean skipSpecialTokens;
  boolean stream;
  final WordPooledLayout wordPooled = new WordPooledLayout();
  Path output;

  /** The model of {@code decode} run under {@code main}: its help, options and parameters. */
  static CommandSpec spec(Main main) {
    DecodeCommand command = new DecodeCommand();
    command.main = main;
    CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(NAME);
    command.spec = spec;
    spec.usageMessage().description(
        "Decode token ids to text: each line of space-separated ids becomes one line of text.",
        "The exact bytes are written, so decode inverts encode byte for byte.");
    spec.addMixin("tokenizer", command.tokenizer.mixin());
    command.threads.addTo(spec);
    spec.addPositional(FieldOptions.parameters(command, "files").paramLabel("FILE").arity("0..*")
        .description("Input files (default: standard input; - also means standard input).")
        .build());
    spec.addOption(FieldOptions.option(command, "skipSpecialTokens", "--skip-special-tokens")
        .description("Leave special tokens out of the text (by default they are kept, so decode inverts encode).")
        .build());
    spec.addOption(FieldOptions.option(command, "stream", "--stream")
        .description("Decode ids as they arrive (from a model, say): ids are separated by any whitespace, and text is written "
            + "and flushed as soon as it is final; a character whose bytes are split across tokens waits for its last byte, "
            + "a run of byte tokens (<0xE6>) for the token that ends it. "
            + "Bytes that are not UTF-8 are written as U+FFFD.")
        .build());
    spec.addMixin("wordPooled", command.wordPooled.mixin());
    spec.addOption(FieldOptions.option(command, "output", "-o", "--output").paramLabel("FILE").defaultValue(OutputFile.STDOUT)
        .description("Where to write the text, written whole or not at all (default: - for standard output).")
        .build());
    FieldOptions.addStandardHelpOptions(spec);
    return spec;
  }

  @Override
  public Integer call() throws Exception {
    if (tokenizer.parse(spec) instanceof TokenizerSpec.WordPooled pooled) return WordPooledCli.decode(main, spec, pooled, wordPooled, files, output);
    WordPooledCli.rejectOptions(spec);
    int workers = threads.count();
    if (stream && !files.isEmpty()) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--stream reads standard input only");
    if (stream && threads.threads != null) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--stream decodes on one thread; drop --threads");
    OutputFile.check(output);
    Tokenizer tok = tokenizer.load(main.tokenizerAhead);
    try (OutputFile out = OutputFile.open(main, output)) {
      if (stream) {
        stream(tok, out.stream());
      } else {
        Progress progress = new Progress(main.streams.err(), main.streams.stderrIsTerminal());
        LinePipeline.StreamingLineJob job = new LinePipeline.StreamingLineJob() {
          @Override
          public void run(byte[] bytes, int from, int to, ByteSink sink) throws LinePipeline.BadLineException {
            decodeLine(tok, bytes, from, to, sink);
          }

          @Override
          public boolean streams() {
            return decodesIdById(tok);
          }

          @Override
          public void runStreaming(InputStream line, OutputStream sink) throws LinePipeline.BadLineException, IOException {
            decodeLongLine(tok, line, sink);
          }
        };
        try (LinePipeline pipeline = new LinePipeline(workers, false, job)) {
          pipeline.run(files, main.streams.in(), out.stream(), progress, "decoding");
        }
      }
      out.commit();
    }
    return 0;
  }

  /**
   * Whether the bytes of some ids are the bytes of each id, one after the other (byte-level
   * tokenizers): then a long line decodes in parts. Other decoders look at neighbouring tokens.
   */
  private static boolean decodesIdById(Tokenizer tok) {
    TokenizerDescription.Stage decoder = tok.description().decoder();
    return decoder != null && decoder.type().equals("ByteLevel");
  }

  /** A line too long to hold, decoded as its ids arrive. */
  private void decodeLongLine(Tokenizer tok, InputStream line, OutputStream out) throws LinePipeline.BadLineException, IOException {
    IdParser parser = new IdParser();
    IntArrayList ids = new IntArrayList();
    byte[] buffer = new byte[1 << 16];
    for (int n; (n = line.read(buffer)) > 0; ) {
      parser.feed(buffer, 0, n, ids);
      if (ids.size() >= 1 << 14) writeDecoded(tok, ids, out);
    }
    parser.finish(ids);
    writeDecoded(tok, ids, out);
  }

  private void writeDecoded(Tokenizer tok, IntArrayList ids, OutputStream out) throws LinePipeline.BadLineException, IOException {
    try {
      tok.decodeBytes(ids.elements(), 0, ids.size(), skipSpecialTokens, out);
    } catch (IllegalArgumentException e) {
      throw new LinePipeline.BadLineException(e.getMessage());
    }
    ids.clear();
  }

  /** Each worker thread's ids of the line at hand, reused line after line. */
  private static final ThreadLocal<IntArrayList> LINE_IDS = ThreadLocal.withInitial(IntArrayList::new);

  private void decodeLine(Tokenizer tok, byte[] bytes, int from, int to, ByteSink out) throws LinePipeline.BadLineException {
    IntArrayList ids = LINE_IDS.get();
    ids.clear();
    IdParser.parse(bytes, from, to, ids);
    try {
      tok.decodeBytes(ids.elements(), 0, ids.size(), skipSpecialTokens, out);
    } catch (IllegalArgumentException e) {
      throw new LinePipeline.BadLineException(e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteSink does not fail
    }
  }

  /** Writes each piece of text as soon as it is final ({@link DecodeStream}), and flushes it. */
  private void stream(Tokenizer tok, OutputStream out) throws IOException {
    DecodeStream decoder = tok.decodeStream(skipSpecialTokens);
    java.io.InputStream in = main.streams.in();
    long id = 0;
    long digits = 0;
    long position = 0;
    for (int b = in.read(); ; b = in.read()) {
      position++;
      if (b >= '0' && b <= '9') {
        // Past Integer.MAX_VALUE the value stops growing: it is no id either way.
        id = Math.min(id * 10 + (b - '0'), Integer.MAX_VALUE + 1L);
        digits++;
        continue;
      }
      if (b != -1 && b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        throw new IOException("stdin: byte " + position + ": '" + Utf8Text.excerpt(new byte[] {(byte) b}, 0, 1) + "' is not part of a token id");
      }
      if (digits > 0) {
        if (id > Integer.MAX_VALUE) throw new IOException("stdin: byte " + (position - digits) + ": a number of " + digits + " digits is not a token id");
        String text;
        try {
          text = decoder.step((int) id);
        } catch (IllegalArgumentException e) {
          throw new IOException("stdin: " + e.getMessage());
        }
        if (!text.isEmpty()) {
          out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
          out.flush();
        }
        id = 0;
        digits = 0;
      }
      if (b == -1) {
        out.write(decoder.finish().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.flush();
        return;
      }
    }
  }
}
