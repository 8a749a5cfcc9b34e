package dev.toksmith.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.toksmith.api.Encoding;
import dev.toksmith.api.Padding;
import dev.toksmith.api.Truncation;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.corpus.JsonLines;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
      "Lines end at \\n only (a \\r stays in the text); the newline is not encoded. Bytes that are not",
      "UTF-8 are kept exactly by byte-level tokenizers, so decode gives the input back byte for byte."
    })
final class EncodeCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin TokenizerOption tokenizer;

  @Parameters(paramLabel = "FILE", arity = "0..*", description = "Input files (default: standard input; - also means standard input).")
  List<String> files = new ArrayList<>();

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "ids", description = "ids (space-separated), tokens (vocabulary forms), or jsonl ({\"ids\":[...],\"tokens\":[...]}) (default: ${DEFAULT-VALUE}).")
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
    jsonl
  }

  private static final JsonFactory JSON = new JsonFactory();

  @Override
  public Integer call() throws Exception {
    if (offsets && format != Format.jsonl) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--offsets needs --format jsonl");
    if (pairField != null && jsonlField == null) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--pair-field needs --jsonl-field");
    Tokenizer tok = withLengthLimits(withAllowedSpecial(tokenizer.load()));
    OutputStream out = new BufferedOutputStream(main.streams.out(), 1 << 16);
    Progress progress = new Progress(main.streams.err(), main.streams.stderrIsTerminal());
    Lines.forEachInput(files, main.streams.in(), progress, "encoding", (lines, name) -> encode(tok, lines, name, out));
    out.flush();
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

  private void encode(Tokenizer tok, Lines lines, String name, OutputStream out) throws IOException {
    while (lines.next()) {
      try {
        if (jsonlField == null && format != Format.jsonl && !addSpecialTokens) {
          // Raw bytes: byte-level tokenizers keep even invalid UTF-8 exactly.
          int[] ids = tok.encodeBytes(lines.bytes());
          if (format == Format.ids) writeIds(out, ids);
          else writeTokens(out, tok, ids);
        } else if (jsonlField != null && isBlank(lines.bytes())) {
          // A blank line in JSON lines holds no record; it gives an empty output line, keeping lines aligned.
        } else {
          String text = text(lines, name, jsonlField);
          String pair = pairField == null ? null : text(lines, name, pairField);
          Encoding e = tok.encode(text, pair, addSpecialTokens);
          switch (format) {
            case ids -> writeIds(out, e.ids());
            case tokens -> writeTokens(out, tok, e.ids());
            case jsonl -> writeJson(out, tok, e, text, pair);
          }
        }
      } catch (IllegalArgumentException e) {
        throw new IOException(name + ":" + lines.number() + ": " + e.getMessage());
      }
      if (lines.terminated() || jsonlField != null) out.write('\n');
    }
  }

  /** The line's text: a JSON field with --jsonl-field, else the line itself, which must be UTF-8. */
  private String text(Lines lines, String name, String field) throws IOException {
    String line;
    try {
      line = lines.text();
    } catch (CharacterCodingException e) {
      throw new IOException(name + ":" + lines.number() + ": invalid UTF-8" + (jsonlField == null ? " (only --format ids or tokens without --add-special-tokens keep raw bytes)" : ""));
    }
    if (field == null) return line;
    try {
      return JsonLines.stringField(line, field);
    } catch (dev.toksmith.core.corpus.JsonLineException e) {
      throw new IOException(name + ":" + lines.number() + ": " + e.getMessage());
    }
  }

  static void writeIds(OutputStream out, int[] ids) throws IOException {
    StringBuilder sb = new StringBuilder(ids.length * 6);
    for (int i = 0; i < ids.length; i++) {
      if (i > 0) sb.append(' ');
      sb.append(ids[i]);
    }
    out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
  }

  private static void writeTokens(OutputStream out, Tokenizer tok, int[] ids) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < ids.length; i++) {
      if (i > 0) sb.append(' ');
      TokenForms.appendEscaped(sb, tok.idToToken(ids[i]).orElseThrow());
    }
    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * One JSON object: ids and token texts, offsets when asked (in code points of the sequence each
   * token came from), the masks when a pair, truncation or padding make them matter, and the
   * overflowing pieces truncation cut off.
   */
  private void writeJson(OutputStream out, Tokenizer tok, Encoding e, String text, String pair) throws IOException {
    try (JsonGenerator g = JSON.createGenerator(new NonClosing(out))) {
      writeEncoding(g, tok, e, text, pair);
    }
  }

  private void writeEncoding(JsonGenerator g, Tokenizer tok, Encoding e, String text, String pair) throws IOException {
    int[] ids = e.ids();
    g.writeStartObject();
    writeArray(g, "ids", ids);
    g.writeArrayFieldStart("tokens");
    for (String t : tok.tokenTexts(ids)) g.writeString(t);
    g.writeEndArray();
    if (offsets) {
      int[] textCodePoints = codePointIndex(text);
      int[] pairCodePoints = pair == null ? null : codePointIndex(pair);
      g.writeArrayFieldStart("offsets");
      for (int i = 0; i < e.size(); i++) {
        int[] index = e.sequenceId(i) == 1 ? pairCodePoints : textCodePoints;
        // Overflowing pieces of a pair can lose their sequence ids (as in Hugging Face).
        if (index != null && e.end(i) >= index.length) index = index == textCodePoints ? pairCodePoints : textCodePoints;
        boolean none = index == null || e.isSpecial(i);
        g.writeStartArray();
        g.writeNumber(none ? 0 : index[e.start(i)]);
        g.writeNumber(none ? 0 : index[e.end(i)]);
        g.writeEndArray();
      }
      g.writeEndArray();
    }
    if (pair != null || tok.truncation() != null || tok.padding() != null) {
      writeArray(g, "type_ids", e.typeIds());
      writeArray(g, "attention_mask", e.attentionMask());
      writeArray(g, "special_tokens_mask", e.specialTokensMask());
    }
    if (!e.overflowing().isEmpty()) {
      g.writeArrayFieldStart("overflowing");
      for (Encoding piece : e.overflowing()) writeEncoding(g, tok, piece, text, pair);
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  /** Whether a line holds only JSON white space. */
  private static boolean isBlank(byte[] line) {
    for (byte b : line) if (b != ' ' && b != '\t' && b != '\r') return false;
    return true;
  }

  /** For each UTF-16 index of {@code s} (and its length), the number of code points before it. */
  private static int[] codePointIndex(String s) {
    int[] index = new int[s.length() + 1];
    for (int i = 0, count = 0; i < s.length(); i++) {
      index[i] = count;
      if (!(Character.isLowSurrogate(s.charAt(i)) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)))) count++;
      index[i + 1] = count;
    }
    return index;
  }

  private static void writeArray(JsonGenerator g, String field, int[] values) throws IOException {
    g.writeArrayFieldStart(field);
    for (int v : values) g.writeNumber(v);
    g.writeEndArray();
  }

  /** Lets a JSON generator close without closing the shared output. */
  static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
