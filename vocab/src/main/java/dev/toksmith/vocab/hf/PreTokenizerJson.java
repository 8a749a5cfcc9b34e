package dev.toksmith.vocab.hf;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.toksmith.core.pretokenizers.BertPreTokenizer;
import dev.toksmith.core.pretokenizers.ByteLevel;
import dev.toksmith.core.pretokenizers.CharDelimiterSplit;
import dev.toksmith.core.pretokenizers.Digits;
import dev.toksmith.core.pretokenizers.Metaspace;
import dev.toksmith.core.pretokenizers.PreTokenizer;
import dev.toksmith.core.pretokenizers.PreTokenizerSequence;
import dev.toksmith.core.pretokenizers.Punctuation;
import dev.toksmith.core.pretokenizers.Split;
import dev.toksmith.core.pretokenizers.SplitBehavior;
import dev.toksmith.core.pretokenizers.UnicodeScripts;
import dev.toksmith.core.pretokenizers.Whitespace;
import dev.toksmith.core.pretokenizers.WhitespaceSplit;
import dev.toksmith.vocab.TokenizerFormatException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * tokenizer.json's {@code pre_tokenizer}: reading and writing every pre-tokenizer toksmith runs. Fields
 * are required or defaulted exactly where Hugging Face 0.21 requires or defaults them, and written as
 * it writes them.
 */
final class PreTokenizerJson {
  private PreTokenizerJson() {}

  static PreTokenizer read(JsonPath o) throws TokenizerFormatException {
    String type = o.string("type");
    switch (type) {
      case "ByteLevel" -> {
        o.allowOnly(Set.of("type", "add_prefix_space", "trim_offsets", "use_regex"));
        return new ByteLevel(requiredBool(o, "add_prefix_space"), optionalBool(o, "use_regex", true), requiredBool(o, "trim_offsets"));
      }
      case "Whitespace", "WhitespaceSplit", "BertPreTokenizer", "UnicodeScripts" -> {
        o.allowOnly(Set.of("type"));
        return switch (type) {
          case "Whitespace" -> Whitespace.INSTANCE;
          case "WhitespaceSplit" -> WhitespaceSplit.INSTANCE;
          case "BertPreTokenizer" -> BertPreTokenizer.INSTANCE;
          default -> UnicodeScripts.INSTANCE;
        };
      }
      case "Punctuation" -> {
        o.allowOnly(Set.of("type", "behavior"));
        return new Punctuation(o.get("behavior") == null ? SplitBehavior.ISOLATED : behavior(o));
      }
      case "Digits" -> {
        o.allowOnly(Set.of("type", "individual_digits"));
        return new Digits(requiredBool(o, "individual_digits"));
      }
      case "CharDelimiterSplit" -> {
        o.allowOnly(Set.of("type", "delimiter"));
        return new CharDelimiterSplit(character(o, "delimiter"));
      }
      case "Metaspace" -> {
        return metaspace(o);
      }
      case "Split" -> {
        o.allowOnly(Set.of("type", "pattern", "behavior", "invert"));
        Pattern pattern = pattern(o);
        SplitBehavior behavior = behavior(o);
        boolean invert = requiredBool(o, "invert");
        try {
          return new Split(pattern.text(), pattern.regex(), behavior, invert);
        } catch (java.util.regex.PatternSyntaxException e) {
          throw regexError(o, e);
        }
      }
      case "Sequence" -> {
        o.allowOnly(Set.of("type", "pretokenizers"));
        JsonNode list = o.array("pretokenizers");
        List<PreTokenizer> stages = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
          PreTokenizer stage = read(JsonPath.object(list.get(i), o.child("pretokenizers") + "[" + i + "]"));
          stages.add(stage);
        }
        return new PreTokenizerSequence(stages);
      }
      default -> throw JsonPath.unsupported(o, "pre_tokenizer", type);
    }
  }

  /**
   * Metaspace, also read as a decoder. Older files say {@code add_prefix_space} instead of
   * {@code prepend_scheme}: {@code false} means {@code never} and contradicts any other declared
   * scheme (the scheme defaults to {@code always}, so {@code false} alone is an error too, as in the
   * reference); {@code true} keeps the declared scheme. {@code str_rep} is ignored.
   */
  static Metaspace metaspace(JsonPath o) throws TokenizerFormatException {
    o.allowOnly(Set.of("type", "replacement", "prepend_scheme", "split", "add_prefix_space", "str_rep"));
    int replacement = character(o, "replacement");
    if (o.get("prepend_scheme") != null && !o.get("prepend_scheme").isTextual()) {
      throw JsonPath.error(o.child("prepend_scheme"), "expected first, never or always, found " + JsonPath.describe(o.get("prepend_scheme")));
    }
    String scheme = o.get("prepend_scheme") == null ? "always" : o.string("prepend_scheme");
    Metaspace.PrependScheme prependScheme = switch (scheme) {
      case "first" -> Metaspace.PrependScheme.FIRST;
      case "never" -> Metaspace.PrependScheme.NEVER;
      case "always" -> Metaspace.PrependScheme.ALWAYS;
      default -> throw JsonPath.error(o.child("prepend_scheme"), "unknown prepend scheme " + JsonPath.quote(scheme) + " (expected first, never or always)");
    };
    if (o.has("add_prefix_space") && !o.bool("add_prefix_space", true) && prependScheme != Metaspace.PrependScheme.NEVER) {
      throw JsonPath.error(o.child("add_prefix_space"), "false contradicts prepend_scheme " + scheme + " (absent means always)");
    }
    o.optionalString("str_rep");
    return new Metaspace(replacement, prependScheme, o.bool("split", true));
  }

  /** The {@code pattern} field of Split and Replace: {@code {"String": ...}} or {@code {"Regex": ...}}. */
  record Pattern(String text, boolean regex) {}

  static Pattern pattern(JsonPath o) throws TokenizerFormatException {
    JsonPath pattern = JsonPath.object(o.get("pattern"), o.child("pattern"));
    pattern.allowOnly(Set.of("Regex", "String"));
    boolean regex = pattern.has("Regex");
    return new Pattern(pattern.string(regex ? "Regex" : "String"), regex);
  }

  static TokenizerFormatException regexError(JsonPath o, java.util.regex.PatternSyntaxException e) {
    return JsonPath.error(o.child("pattern") + ".Regex", "regex does not compile: " + e.getDescription());
  }

  static void writePattern(JsonGenerator g, boolean regex, String text) throws IOException {
    g.writeObjectFieldStart("pattern");
    g.writeStringField(regex ? "Regex" : "String", text);
    g.writeEndObject();
  }

  private static SplitBehavior behavior(JsonPath o) throws TokenizerFormatException {
    String b = o.string("behavior");
    return switch (b) {
      case "Removed" -> SplitBehavior.REMOVED;
      case "Isolated" -> SplitBehavior.ISOLATED;
      case "MergedWithPrevious" -> SplitBehavior.MERGED_WITH_PREVIOUS;
      case "MergedWithNext" -> SplitBehavior.MERGED_WITH_NEXT;
      case "Contiguous" -> SplitBehavior.CONTIGUOUS;
      default -> throw JsonPath.error(o.child("behavior"), "unknown split behavior " + JsonPath.quote(b));
    };
  }

  /** A boolean the reference requires: absent or null is an error. */
  static boolean requiredBool(JsonPath o, String field) throws TokenizerFormatException {
    if (!o.has(field)) throw JsonPath.error(o.child(field), "expected true or false, found " + JsonPath.describe(o.get(field)));
    return o.bool(field, false);
  }

  /** A boolean the reference defaults when absent but does not take as null. */
  static boolean optionalBool(JsonPath o, String field, boolean absent) throws TokenizerFormatException {
    if (o.get(field) != null && o.get(field).isNull()) throw JsonPath.error(o.child(field), "expected true or false, found null");
    return o.bool(field, absent);
  }

  /** A string of exactly one character (Rust's {@code char}), as a code point. */
  static int character(JsonPath o, String field) throws TokenizerFormatException {
    String s = o.string(field);
    if (s.isEmpty() || s.codePointCount(0, s.length()) != 1) throw JsonPath.error(o.child(field), "expected one character, found " + JsonPath.quote(s));
    return s.codePointAt(0);
  }

  static void write(JsonGenerator g, PreTokenizer p) throws IOException {
    if (p == null) {
      g.writeNull();
      return;
    }
    if (p instanceof ByteLevel b) {
      JsonPath.writeByteLevel(g, b.addPrefixSpace(), b.trimOffsets(), b.useRegex());
      return;
    }
    g.writeStartObject();
    if (p instanceof Split s) {
      g.writeStringField("type", "Split");
      writePattern(g, s.isRegex(), s.patternText());
      g.writeStringField("behavior", behaviorName(s.behavior()));
      g.writeBooleanField("invert", s.invert());
    } else if (p instanceof PreTokenizerSequence seq) {
      g.writeStringField("type", "Sequence");
      g.writeArrayFieldStart("pretokenizers");
      for (PreTokenizer stage : seq.stages()) write(g, stage);
      g.writeEndArray();
    } else if (p instanceof Whitespace) {
      g.writeStringField("type", "Whitespace");
    } else if (p instanceof WhitespaceSplit) {
      g.writeStringField("type", "WhitespaceSplit");
    } else if (p instanceof BertPreTokenizer) {
      g.writeStringField("type", "BertPreTokenizer");
    } else if (p instanceof UnicodeScripts) {
      g.writeStringField("type", "UnicodeScripts");
    } else if (p instanceof Punctuation punctuation) {
      g.writeStringField("type", "Punctuation");
      g.writeStringField("behavior", behaviorName(punctuation.behavior()));
    } else if (p instanceof Digits digits) {
      g.writeStringField("type", "Digits");
      g.writeBooleanField("individual_digits", digits.individualDigits());
    } else if (p instanceof CharDelimiterSplit delimiter) {
      g.writeStringField("type", "CharDelimiterSplit");
      g.writeStringField("delimiter", Character.toString(delimiter.delimiter()));
    } else if (p instanceof Metaspace metaspace) {
      writeMetaspaceFields(g, metaspace);
    } else {
      throw new TokenizerFormatException("cannot write pre-tokenizer " + p.getClass().getSimpleName());
    }
    g.writeEndObject();
  }

  /** The fields of a Metaspace pre-tokenizer or decoder, which Hugging Face writes alike. */
  static void writeMetaspaceFields(JsonGenerator g, Metaspace metaspace) throws IOException {
    g.writeStringField("type", "Metaspace");
    g.writeStringField("replacement", Character.toString(metaspace.replacement()));
    g.writeStringField("prepend_scheme", switch (metaspace.prependScheme()) {
      case FIRST -> "first";
      case NEVER -> "never";
      case ALWAYS -> "always";
    });
    g.writeBooleanField("split", metaspace.split());
  }

  private static String behaviorName(SplitBehavior b) {
    return switch (b) {
      case REMOVED -> "Removed";
      case ISOLATED -> "Isolated";
      case MERGED_WITH_PREVIOUS -> "MergedWithPrevious";
      case MERGED_WITH_NEXT -> "MergedWithNext";
      case CONTIGUOUS -> "Contiguous";
    };
  }
}
