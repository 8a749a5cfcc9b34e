package dev.toksmith.cli;

import dev.toksmith.api.Tokenizer;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "decode",
    mixinStandardHelpOptions = true,
    description = {
      "Decode token ids to text: each line of space-separated ids becomes one line of text.",
      "The exact bytes are written, so decode inverts encode byte for byte."
    })
final class DecodeCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin TokenizerOption tokenizer;

  @Mixin ThreadsOption threads;

  @Parameters(paramLabel = "FILE", arity = "0..*", description = "Input files (default: standard input; - also means standard input).")
  List<String> files = new ArrayList<>();

  @Option(names = "--skip-special-tokens", description = "Leave special tokens out of the text (by default they are kept, so decode inverts encode).")
  boolean skipSpecialTokens;

  @Option(
      names = "--stream",
      description = "Decode ids as they arrive (from a model, say): ids are separated by any whitespace, and text is written "
          + "and flushed as soon as it is complete; a character whose bytes are split across tokens waits for its last byte. "
          + "Bytes that are not UTF-8 are written as U+FFFD.")
  boolean stream;

  @Mixin WordPooledLayout wordPooled;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = OutputFile.STDOUT, description = "Where to write the text, written whole or not at all (default: - for standard output).")
  Path output;

  @Override
  public Integer call() throws Exception {
    if (WordPooledCli.isSpec(tokenizer.spec)) return WordPooledCli.decode(main, spec, tokenizer, wordPooled, files, output);
    WordPooledCli.rejectOptions(spec);
    int workers = threads.count();
    if (stream && !files.isEmpty()) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--stream reads standard input only");
    if (stream && threads.threads != null) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--stream decodes on one thread; drop --threads");
    OutputFile.check(output);
    Tokenizer tok = tokenizer.load();
    try (OutputFile out = OutputFile.open(main, output)) {
      if (stream) {
        stream(tok, out.stream());
      } else {
        Progress progress = new Progress(main.streams.err(), main.streams.stderrIsTerminal());
        try (LinePipeline pipeline = new LinePipeline(workers, false, (bytes, from, to, sink) -> decodeLine(tok, bytes, from, to, sink))) {
          pipeline.run(files, main.streams.in(), out.stream(), progress, "decoding");
        }
      }
      out.commit();
    }
    return 0;
  }

  /** Each worker thread's ids of the line at hand, reused line after line. */
  private static final ThreadLocal<IntArrayList> LINE_IDS = ThreadLocal.withInitial(IntArrayList::new);

  private void decodeLine(Tokenizer tok, byte[] bytes, int from, int to, ByteSink out) throws LinePipeline.BadLineException {
    IntArrayList ids = LINE_IDS.get();
    ids.clear();
    parseIds(bytes, from, to, ids);
    try {
      tok.decodeBytes(ids.elements(), 0, ids.size(), skipSpecialTokens, out);
    } catch (IllegalArgumentException e) {
      throw new LinePipeline.BadLineException(e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteSink does not fail
    }
  }

  /** Writes each piece of text as soon as it is complete, and flushes it. */
  private void stream(Tokenizer tok, java.io.OutputStream out) throws IOException {
    var decoder = tok.decodeStream(skipSpecialTokens);
    java.io.InputStream in = main.streams.in();
    StringBuilder id = new StringBuilder();
    long position = 0;
    for (int b = in.read(); ; b = in.read()) {
      position++;
      if (b >= '0' && b <= '9') {
        id.append((char) b);
        continue;
      }
      if (b != -1 && b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        throw new IOException("stdin: byte " + position + ": '" + (char) b + "' is not part of a token id");
      }
      if (id.length() > 0) {
        String text;
        try {
          text = decoder.step(Integer.parseInt(id.toString()));
        } catch (NumberFormatException e) {
          throw new IOException("stdin: " + id + " is not a token id");
        } catch (IllegalArgumentException e) {
          throw new IOException("stdin: " + e.getMessage());
        }
        if (!text.isEmpty()) {
          out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
          out.flush();
        }
        id.setLength(0);
      }
      if (b == -1) {
        out.write(decoder.finish().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.flush();
        return;
      }
    }
  }

  /** Parses space- or tab-separated decimal ids in {@code line[from, to)} into {@code ids}; anything else is an error. */
  private static void parseIds(byte[] line, int from, int to, IntArrayList ids) throws LinePipeline.BadLineException {
    int i = from;
    // A trailing \r (ids written on Windows) is whitespace here, not text.
    while (i < to) {
      byte b = line[i];
      if (b == ' ' || b == '\t' || b == '\r') {
        i++;
        continue;
      }
      int start = i;
      long value = 0;
      while (i < to && line[i] >= '0' && line[i] <= '9') {
        value = value * 10 + (line[i] - '0');
        if (value > Integer.MAX_VALUE) break;
        i++;
      }
      if (i == start || (i < to && line[i] != ' ' && line[i] != '\t' && line[i] != '\r')) {
        int end = start;
        while (end < to && line[end] != ' ' && line[end] != '\t') end++;
        String word = new String(line, start, Math.min(end - start, 40), java.nio.charset.StandardCharsets.UTF_8);
        throw new LinePipeline.BadLineException("'" + word + "' is not a token id");
      }
      ids.add((int) value);
    }
  }
}
