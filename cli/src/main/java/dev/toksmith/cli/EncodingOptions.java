package dev.toksmith.cli;

import dev.toksmith.Corpus;
import dev.toksmith.api.Padding;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.api.Truncation;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The options of {@code encode} that decide the ids of a line: what the line holds (text, or a JSON
 * object's fields), special tokens, truncation and padding. A mixin of {@code encode}, and of the
 * Spark job's, which sends it to its executors so that they give each line the ids {@code encode}
 * gives it.
 */
public final class EncodingOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  boolean addSpecialTokens;
  String jsonlField;
  String pairField;
  String truncation;
  Integer maxLength;
  Integer stride;
  String padding;
  Integer padToMultipleOf;
  Integer padId;
  String allowSpecial;

  /**
   * These options as a mixin (see {@link FieldOptions}): for {@link CommandSpec#addMixin}, or for a
   * command still declared by annotations, as the value of its {@code @Mixin} field.
   */
  public CommandSpec mixin() {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(this);
    spec.addOption(FieldOptions.option(this, "addSpecialTokens", "--add-special-tokens")
        .description("Let the post-processor add its special tokens (e.g. <s> ... </s>).")
        .build());
    spec.addOption(FieldOptions.option(this, "jsonlField", "--jsonl-field").paramLabel("NAME")
        .description("Input is JSON lines; encode this string field of each.")
        .build());
    spec.addOption(FieldOptions.option(this, "pairField", "--pair-field").paramLabel("NAME")
        .description("With --jsonl-field: encode this field too, as the second sequence of a pair (type ids 1).")
        .build());
    spec.addOption(FieldOptions.option(this, "truncation", "--truncation").paramLabel("STRATEGY")
        .description("longest_first, only_first, only_second, or none (default: what the tokenizer file says; --max-length alone means longest_first).")
        .build());
    spec.addOption(FieldOptions.option(this, "maxLength", "--max-length").paramLabel("N")
        .description("Truncate to N tokens, special tokens included; with --padding max_length, pad to N.")
        .build());
    spec.addOption(FieldOptions.option(this, "stride", "--stride").paramLabel("N")
        .description("Tokens repeated between a truncated encoding and its overflowing pieces (default 0).")
        .build());
    spec.addOption(FieldOptions.option(this, "padding", "--padding").paramLabel("MODE")
        .description("none, longest (to the longest of each line's encoding: only --pad-to-multiple-of changes it), or max_length (default: what the tokenizer file says).")
        .build());
    spec.addOption(FieldOptions.option(this, "padToMultipleOf", "--pad-to-multiple-of").paramLabel("N")
        .description("Pad up to a multiple of N tokens.")
        .build());
    spec.addOption(FieldOptions.option(this, "padId", "--pad-id").paramLabel("ID")
        .description("Id of the pad token, when the tokenizer file sets no padding (its token is the vocabulary form of the id).")
        .build());
    spec.addOption(FieldOptions.option(this, "allowSpecial", "--allow-special").paramLabel("all|none|TOKEN,...")
        .description("Match only these special tokens in the input (all, none, or a comma-separated list); the others' text is ordinary text. "
            + "By default tiktoken encodings match none, as tiktoken does, and tokenizer files all, as Hugging Face does.")
        .build());
    return spec;
  }

  /** The JSON lines field to encode, or null for plain text lines. */
  public String jsonlField() {
    return jsonlField;
  }

  /**
   * Checks the combination of options.
   *
   * @throws IllegalArgumentException if they do not go together; the message is for the user
   */
  public void check() {
    if (pairField != null && jsonlField == null) throw new IllegalArgumentException("--pair-field needs --jsonl-field");
  }

  /**
   * {@code tok} with the special tokens, truncation and padding these options ask for, over the
   * tokenizer file's own settings.
   *
   * @throws IllegalArgumentException if the options do not fit the tokenizer; the message is for the user
   */
  public Tokenizer configure(Tokenizer tok) {
    if (allowSpecial != null) {
      try {
        tok = TokenizerOption.allowSpecial(tok, allowSpecial);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--allow-special: " + e.getMessage(), e);
      }
    }
    return withLengthLimits(tok);
  }

  /** The tokenizer file's truncation and padding with these options' overrides ({@link Truncation#override}, {@link Padding#override}). */
  private Tokenizer withLengthLimits(Tokenizer tok) {
    Truncation t = tok.truncation();
    if ("none".equals(truncation)) {
      t = null;
    } else if (truncation != null || maxLength != null || stride != null) {
      if (maxLength != null ? maxLength < 0 : t == null) throw new IllegalArgumentException("truncation needs --max-length");
      t = Truncation.override(t, maxLength, stride, truncation != null ? strategy(truncation) : null);
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
      if (padId != null ? padId < 0 : p == null) throw new IllegalArgumentException("the tokenizer file sets no padding: give --pad-id");
      String token = padId == null ? null : tok.idToToken(padId).orElseThrow(() -> new IllegalArgumentException("--pad-id " + padId + " is not in the vocabulary"));
      p = Padding.override(p, length, padToMultipleOf, padId, token);
    }
    return tok.withTruncation(t).withPadding(p);
  }

  private static Truncation.Strategy strategy(String name) {
    return switch (name) {
      case "longest_first" -> Truncation.Strategy.LONGEST_FIRST;
      case "only_first" -> Truncation.Strategy.ONLY_FIRST;
      case "only_second" -> Truncation.Strategy.ONLY_SECOND;
      default -> throw new IllegalArgumentException("unknown --truncation " + name + " (choose longest_first, only_first, only_second or none)");
    };
  }

  /**
   * Whether line {@code bytes[from, to)} holds a document: every line of plain text does; in JSON
   * lines, a blank line holds no record.
   */
  public boolean holdsDocument(byte[] bytes, int from, int to) {
    if (jsonlField == null) return true;
    for (int i = from; i < to; i++) if (bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\r') return true;
    return false;
  }

  /** Whether lines are encoded as raw bytes rather than read as text (see {@link #ids}). */
  public boolean keepsRawBytes() {
    return jsonlField == null && !addSpecialTokens;
  }

  /**
   * The ids {@code encode --format ids} writes for the line {@code bytes[from, to)} (without its
   * {@code \n}), which must hold a document: its raw bytes encoded (so that byte-level tokenizers keep
   * even invalid UTF-8) unless the line must be text, for JSON lines and {@code --add-special-tokens}.
   *
   * @throws IllegalArgumentException if the line cannot be encoded; the message is about the line
   */
  public int[] ids(Tokenizer tok, byte[] bytes, int from, int to) {
    if (keepsRawBytes()) return tok.encodeBytes(Arrays.copyOfRange(bytes, from, to));
    Text text = text(bytes, from, to, "invalid UTF-8 (raw bytes are kept only without --add-special-tokens)");
    return tok.encode(text.first(), text.pair(), addSpecialTokens).ids();
  }

  /** The sequences a line holds: the line, or its JSON object's field (and pair field). */
  record Text(String first, String pair) {}

  /**
   * The text of the line, which must be UTF-8, and with {@code --jsonl-field} its field (and pair).
   *
   * @param invalid the message for a line that is not UTF-8
   * @throws IllegalArgumentException if the line is not UTF-8 or lacks a field; the message is about the line
   */
  Text text(byte[] bytes, int from, int to, String invalid) {
    String line;
    try {
      line = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(invalid);
    }
    if (jsonlField == null) return new Text(line, null);
    return new Text(Corpus.jsonlField(line, jsonlField), pairField == null ? null : Corpus.jsonlField(line, pairField));
  }

  /** Whether the post-processor adds its special tokens. */
  boolean addSpecialTokens() {
    return addSpecialTokens;
  }
}
