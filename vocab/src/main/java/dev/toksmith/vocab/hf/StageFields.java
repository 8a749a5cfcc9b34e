package dev.toksmith.vocab.hf;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.toksmith.core.pretokenizers.Metaspace;
import dev.toksmith.vocab.TokenizerFormatException;
import java.io.IOException;
import java.util.Set;

/**
 * Fields that components of several stages share, read and written alike wherever they appear: the
 * {@code pattern} of Split and Replace, Metaspace's settings (pre-tokenizer and decoder), and
 * ByteLevel's flags (pre-tokenizer, post-processor and decoder).
 */
final class StageFields {
  private StageFields() {}

  /** The {@code pattern} field of Split and Replace: {@code {"String": ...}} or {@code {"Regex": ...}}. */
  record Pattern(String text, boolean regex) {}

  /**
   * @param exactlyOne whether both or neither of String and Regex is an error of its own (the
   *     normalizer's), rather than Regex winning or String being missing
   */
  static Pattern pattern(JsonPath o, boolean exactlyOne) throws TokenizerFormatException {
    JsonPath pattern = JsonPath.object(o.get("pattern"), o.child("pattern"));
    pattern.allowOnly(Set.of("Regex", "String"));
    boolean regex = pattern.has("Regex");
    if (exactlyOne && regex == pattern.has("String")) throw JsonPath.error(pattern.path(), "expected exactly one of String and Regex");
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

  /** A component made of a pattern and its replacement. */
  interface Replacing<T> {
    T make(String pattern, boolean regex, String content);
  }

  /** Replace, a normalizer and a decoder: {@code pattern} and {@code content}. */
  static <T> T replace(JsonPath o, boolean exactlyOne, Replacing<T> replacing) throws TokenizerFormatException {
    o.allowOnly(Set.of("type", "pattern", "content"));
    Pattern pattern = pattern(o, exactlyOne);
    String content = o.string("content");
    try {
      return replacing.make(pattern.text(), pattern.regex(), content);
    } catch (java.util.regex.PatternSyntaxException e) {
      throw regexError(o, e);
    }
  }

  static void writeReplace(JsonGenerator g, boolean regex, String pattern, String content) throws IOException {
    writePattern(g, regex, pattern);
    g.writeStringField("content", content);
  }

  /** The fields ByteLevel has in every stage. */
  static final Set<String> BYTE_LEVEL_FIELDS = Set.of("type", "add_prefix_space", "trim_offsets", "use_regex");

  static void writeByteLevel(JsonGenerator g, boolean addPrefixSpace, boolean trimOffsets, boolean useRegex) throws IOException {
    g.writeBooleanField("add_prefix_space", addPrefixSpace);
    g.writeBooleanField("trim_offsets", trimOffsets);
    g.writeBooleanField("use_regex", useRegex);
  }

  /**
   * Metaspace, a pre-tokenizer and a decoder. Older files say {@code add_prefix_space} instead of
   * {@code prepend_scheme}: {@code false} means {@code never} and contradicts any other declared
   * scheme (the scheme defaults to {@code always}, so {@code false} alone is an error too, as in the
   * reference); {@code true} keeps the declared scheme. {@code str_rep} is ignored.
   */
  static Metaspace metaspace(JsonPath o) throws TokenizerFormatException {
    o.allowOnly(Set.of("type", "replacement", "prepend_scheme", "split", "add_prefix_space", "str_rep"));
    int replacement = o.character("replacement");
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

  /** Metaspace's fields after its type, as Hugging Face writes them for the pre-tokenizer and the decoder. */
  static void writeMetaspace(JsonGenerator g, Metaspace metaspace) throws IOException {
    g.writeStringField("replacement", Character.toString(metaspace.replacement()));
    g.writeStringField("prepend_scheme", switch (metaspace.prependScheme()) {
      case FIRST -> "first";
      case NEVER -> "never";
      case ALWAYS -> "always";
    });
    g.writeBooleanField("split", metaspace.split());
  }
}
