package dev.toksmith.cli;

import dev.toksmith.api.Encoding;
import dev.toksmith.api.Padding;
import dev.toksmith.api.Truncation;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.corpus.JsonLines;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "encode",
    mixinStandardHelpOptions = true,
    description = {
      "Encode text to token ids, one output line per input line.",
      "Lines end at \\n only (a \\r stays in the text); the newline is not encoded. Bytes that are not UTF-8 are kept exactly "
          + "by byte-level tokenizers, so decode gives the input back byte for byte."
    })
final class EncodeCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin TokenizerOption tokenizer;

  @Mixin ThreadsOption threads;

  @Parameters(paramLabel = "FILE", arity = "0..*", description = "Input files (default: standard input; - also means standard input).")
  List<String> files = new ArrayList<>();

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "ids", description = "ids (space-separated), tokens (vocabulary forms), or jsonl ({\"ids\":[...],\"tokens\":[...]}) (default: ${DEFAULT-VALUE}); jsonl (the default) or npy for word-pooled tokenizers.")
  Format format;

  @Option(names = "--add-special-tokens", description = "Let the post-processor add its special tokens (e.g. <s> ... </s>).")
  boolean addSpecialTokens;

  @Option(names = "--jsonl-field", paramLabel = "NAME", description = "Input is JSON lines; encode this string field of each.")
  String jsonlField;

  @Option(names = "--offsets", description = "With --format jsonl, add \"offsets\": [[start, end], ...] in code points of the line.")
  boolean offsets;

  @Option(names = "--pair-field", paramLabel = "NAME", description = "With --jsonl-field: encode this field too, as the second sequence of a pair (type ids 1).")
  String pairField;

  @Option(
      names = "--truncation",
      paramLabel = "STRATEGY",
      description = "longest_first, only_first, only_second, or none (default: what the tokenizer file says; --max-length alone means longest_first).")
  String truncation;

  @Option(names = "--max-length", paramLabel = "N", description = "Truncate to N tokens, special tokens included; with --padding max_length, pad to N.")
  Integer maxLength;

  @Option(names = "--stride", paramLabel = "N", description = "Tokens repeated between a truncated encoding and its overflowing pieces (default 0).")
  Integer stride;

  @Option(names = "--padding", paramLabel = "MODE", description = "none, longest (to the longest of each line's encoding: only --pad-to-multiple-of changes it), or max_length (default: what the tokenizer file says).")
  String padding;

  @Option(names = "--pad-to-multiple-of", paramLabel = "N", description = "Pad up to a multiple of N tokens.")
  Integer padToMultipleOf;

  @Option(names = "--pad-id", paramLabel = "ID", description = "Id of the pad token, when the tokenizer file sets no padding (its token is the vocabulary form of the id).")
  Integer padId;

  @Option(names = "--allow-special", paramLabel = "all|TOKEN,...", description = "tiktoken encodings: match these special tokens (all, or a comma-separated list) in the input; by default their text is ordinary text, as in tiktoken.")
  String allowSpecial;

  enum Format {
    ids,
    tokens,
    jsonl,
    npy
  }

  @Mixin WordPooledLayout wordPooled;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Where to write the output, written whole or not at all (default: - for standard output). Word-pooled tokenizers "
          + "with --format npy: the new directory to write ids.npy, lengths.npy, continuation.npy and mask.npy into.")
  Path output;

  @Override
  public Integer call() throws Exception {
    if (WordPooledCli.isSpec(tokenizer.spec)) return WordPooledCli.encode(main, spec, tokenizer, wordPooled, files, output);
    WordPooledCli.rejectOptions(spec);
    if (offsets && format != Format.jsonl) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--offsets needs --format jsonl");
    if (pairField != null && jsonlField == null) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--pair-field needs --jsonl-field");
    int workers = threads.count();
    Path target = output == null ? Path.of(OutputFile.STDOUT) : output;
    OutputFile.check(target);
    Tokenizer tok = withLengthLimits(withAllowedSpecial(tokenizer.load()));
    Progress progress = new Progress(main.streams.err(), main.streams.stderrIsTerminal());
    // A JSON lines record always gives a line, even the last one without its \n.
    try (LinePipeline pipeline = new LinePipeline(workers, jsonlField != null, (bytes, from, to, out) -> encodeLine(tok, bytes, from, to, out));
        OutputFile out = OutputFile.open(main, target)) {
      pipeline.run(files, main.streams.in(), out.stream(), progress, "encoding");
      out.commit();
    }
    return 0;
  }

  private Tokenizer withAllowedSpecial(Tokenizer tok) {
    if (allowSpecial == null) return tok;
    try {
      return TokenizerOption.allowSpecial(tok, allowSpecial);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--allow-special: " + e.getMessage());
    }
  }

  /** Applies --truncation, --max-length, --stride, --padding and friends over the file's settings. */
  private Tokenizer withLengthLimits(Tokenizer tok) {
    try {
      Truncation t = tok.truncation();
      if ("none".equals(truncation)) {
        t = null;
      } else if (truncation != null || maxLength != null || stride != null) {
        int length = maxLength != null ? maxLength : t != null ? t.maxLength() : -1;
        if (length < 0) throw new IllegalArgumentException("truncation needs --max-length");
        Truncation.Strategy strategy = truncation != null ? strategy(truncation) : t != null ? t.strategy() : Truncation.Strategy.LONGEST_FIRST;
        t = new Truncation(length, stride != null ? stride : t != null ? t.stride() : 0, strategy, t != null ? t.direction() : Truncation.Direction.RIGHT);
      }
      Padding p = tok.padding();
      if ("none".equals(padding)) {
        p = null;
      } else if (padding != null || padToMultipleOf != null || padId != null) {
        String mode = padding != null ? padding : p == null || p.toLongest() ? "longest" : "max_length";
        int length = switch (mode) {
          case "longest" -> 0;
          case "max_length" -> {
            if (maxLength == null && (p == null || p.toLongest())) throw new IllegalArgumentException("--padding max_length needs --max-length");
            yield maxLength != null ? maxLength : p.length();
          }
          default -> throw new IllegalArgumentException("unknown --padding " + mode + " (choose none, longest or max_length)");
        };
        int id = padId != null ? padId : p != null ? p.padId() : -1;
        if (id < 0) throw new IllegalArgumentException("the tokenizer file sets no padding: give --pad-id");
        String token = padId != null ? tok.idToToken(id).orElseThrow(() -> new IllegalArgumentException("--pad-id " + padId + " is not in the vocabulary")) : p.padToken();
        p = new Padding(length, p != null ? p.direction() : Truncation.Direction.RIGHT, padToMultipleOf != null ? padToMultipleOf : p != null ? p.padToMultipleOf() : 0,
            id, p != null ? p.padTypeId() : 0, token);
      }
      return tok.withTruncation(t).withPadding(p);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private static Truncation.Strategy strategy(String name) {
    return switch (name) {
      case "longest_first" -> Truncation.Strategy.LONGEST_FIRST;
      case "only_first" -> Truncation.Strategy.ONLY_FIRST;
      case "only_second" -> Truncation.Strategy.ONLY_SECOND;
      default -> throw new IllegalArgumentException("unknown --truncation " + name + " (choose longest_first, only_first, only_second or none)");
    };
  }

  private void encodeLine(Tokenizer tok, byte[] bytes, int from, int to, ByteSink out) throws LinePipeline.BadLineException {
    try {
      if (jsonlField == null && format != Format.jsonl && !addSpecialTokens) {
        // Raw bytes: byte-level tokenizers keep even invalid UTF-8 exactly.
        if (format == Format.ids) tok.encodeBytes(bytes, from, to, out);
        else writeTokens(out, tok, tok.encodeBytes(Arrays.copyOfRange(bytes, from, to)));
      } else if (jsonlField != null && isBlank(bytes, from, to)) {
        // A blank line in JSON lines holds no record; it gives an empty output line, keeping lines aligned.
      } else {
        String line = text(bytes, from, to);
        String text = jsonlField == null ? line : field(line, jsonlField);
        String pair = pairField == null ? null : field(line, pairField);
        Encoding e = tok.encode(text, pair, addSpecialTokens);
        switch (format) {
          case ids -> out.writeIds(e.ids());
          case tokens -> writeTokens(out, tok, e.ids());
          case jsonl -> JsonlOutput.write(out, tok, e, text, pair, offsets);
        }
      }
    } catch (IllegalArgumentException e) {
      throw new LinePipeline.BadLineException(e.getMessage());
    }
  }

  /** The line as text: it must be UTF-8. */
  private String text(byte[] bytes, int from, int to) throws LinePipeline.BadLineException {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
    } catch (CharacterCodingException e) {
      throw new LinePipeline.BadLineException("invalid UTF-8" + (jsonlField == null ? " (only --format ids or tokens without --add-special-tokens keep raw bytes)" : ""));
    }
  }

  /** A string field of the JSON object on the line. */
  private static String field(String line, String field) throws LinePipeline.BadLineException {
    try {
      return JsonLines.stringField(line, field);
    } catch (dev.toksmith.core.corpus.JsonLineException e) {
      throw new LinePipeline.BadLineException(e.getMessage());
    }
  }

  private static void writeTokens(ByteSink out, Tokenizer tok, int[] ids) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < ids.length; i++) {
      if (i > 0) sb.append(' ');
      TokenForms.appendEscaped(sb, tok.idToToken(ids[i]).orElseThrow());
    }
    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Whether a line holds only JSON white space. */
  private static boolean isBlank(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) if (bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\r') return false;
    return true;
  }

}
