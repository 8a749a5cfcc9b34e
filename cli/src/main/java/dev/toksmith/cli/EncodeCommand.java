package dev.toksmith.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.toksmith.api.Encoding;
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
    Tokenizer tok = withAllowedSpecial(tokenizer.load());
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
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private void encode(Tokenizer tok, Lines lines, String name, OutputStream out) throws IOException {
    while (lines.next()) {
      try {
        if (jsonlField == null && format != Format.jsonl && !addSpecialTokens) {
          // Raw bytes: byte-level tokenizers keep even invalid UTF-8 exactly.
          int[] ids = tok.encodeBytes(lines.bytes());
          if (format == Format.ids) writeIds(out, ids);
          else writeTokens(out, tok, ids);
        } else {
          String text = text(lines, name);
          switch (format) {
            case ids -> writeIds(out, tok.encode(text, addSpecialTokens).ids());
            case tokens -> writeTokens(out, tok, tok.encode(text, addSpecialTokens).ids());
            case jsonl -> writeJson(out, tok, text);
          }
        }
      } catch (IllegalArgumentException e) {
        throw new IOException(name + ":" + lines.number() + ": " + e.getMessage());
      }
      if (lines.terminated() || jsonlField != null) out.write('\n');
    }
  }

  /** The line's text: the JSON field with --jsonl-field, else the line itself, which must be UTF-8. */
  private String text(Lines lines, String name) throws IOException {
    String line;
    try {
      line = lines.text();
    } catch (CharacterCodingException e) {
      throw new IOException(name + ":" + lines.number() + ": invalid UTF-8" + (jsonlField == null ? " (only --format ids or tokens without --add-special-tokens keep raw bytes)" : ""));
    }
    if (jsonlField == null) return line;
    try {
      return JsonLines.stringField(line, jsonlField);
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
      String token = tok.idToToken(ids[i]).orElseThrow();
      for (int k = 0; k < token.length(); k++) {
        char c = token.charAt(k);
        switch (c) {
          case ' ' -> sb.append("\\s");
          case '\t' -> sb.append("\\t");
          case '\n' -> sb.append("\\n");
          case '\\' -> sb.append("\\\\");
          default -> sb.append(c);
        }
      }
    }
    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  private void writeJson(OutputStream out, Tokenizer tok, String text) throws IOException {
    Encoding e = tok.encode(text, addSpecialTokens);
    int[] ids = e.ids();
    try (JsonGenerator g = JSON.createGenerator(new NonClosing(out))) {
      g.writeStartObject();
      g.writeArrayFieldStart("ids");
      for (int id : ids) g.writeNumber(id);
      g.writeEndArray();
      g.writeArrayFieldStart("tokens");
      for (String t : tok.tokenTexts(ids)) g.writeString(t);
      g.writeEndArray();
      if (offsets) {
        g.writeArrayFieldStart("offsets");
        for (int i = 0; i < e.size(); i++) {
          g.writeStartArray();
          g.writeNumber(text.codePointCount(0, e.start(i)));
          g.writeNumber(text.codePointCount(0, e.end(i)));
          g.writeEndArray();
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    }
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
