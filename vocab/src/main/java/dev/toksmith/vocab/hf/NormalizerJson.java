package dev.toksmith.vocab.hf;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.toksmith.core.normalizers.BertNormalizer;
import dev.toksmith.core.normalizers.Normalizer;
import dev.toksmith.core.normalizers.NormalizerSequence;
import dev.toksmith.core.normalizers.Normalizers;
import dev.toksmith.core.normalizers.Precompiled;
import dev.toksmith.core.normalizers.PrecompiledCharsmap;
import dev.toksmith.core.normalizers.Prepend;
import dev.toksmith.core.normalizers.Replace;
import dev.toksmith.core.normalizers.Strip;
import dev.toksmith.vocab.TokenizerFormatException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * tokenizer.json's {@code normalizer}: reading and writing every normalizer toksmith runs, with Hugging
 * Face's field names. Fields the reference requires are required here too; BertNormalizer's
 * {@code strip_accents} may be null or absent (strip exactly when lowercasing).
 */
final class NormalizerJson {
  private NormalizerJson() {}

  static Normalizer read(JsonPath o) throws TokenizerFormatException {
    String type = o.string("type");
    switch (type) {
      case "NFC", "NFD", "NFKC", "NFKD", "Lowercase", "StripAccents", "Nmt" -> {
        o.allowOnly(Set.of("type"));
        return Normalizers.byHuggingFaceType(type);
      }
      case "Sequence" -> {
        o.allowOnly(Set.of("type", "normalizers"));
        JsonNode list = o.array("normalizers");
        List<Normalizer> stages = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) stages.add(read(JsonPath.object(list.get(i), o.child("normalizers") + "[" + i + "]")));
        return new NormalizerSequence(stages);
      }
      case "Strip" -> {
        o.allowOnly(Set.of("type", "strip_left", "strip_right"));
        return new Strip(requiredBool(o, "strip_left"), requiredBool(o, "strip_right"));
      }
      case "Prepend" -> {
        o.allowOnly(Set.of("type", "prepend"));
        return new Prepend(o.string("prepend"));
      }
      case "Replace" -> {
        o.allowOnly(Set.of("type", "pattern", "content"));
        JsonPath pattern = JsonPath.object(o.get("pattern"), o.child("pattern"));
        pattern.allowOnly(Set.of("Regex", "String"));
        boolean regex = pattern.has("Regex");
        if (regex == pattern.has("String")) throw JsonPath.error(pattern.path(), "expected exactly one of String and Regex");
        String text = pattern.string(regex ? "Regex" : "String");
        String content = o.string("content");
        try {
          return new Replace(text, regex, content);
        } catch (java.util.regex.PatternSyntaxException e) {
          throw JsonPath.error(pattern.child("Regex"), "regex does not compile: " + e.getDescription());
        }
      }
      case "BertNormalizer" -> {
        o.allowOnly(Set.of("type", "clean_text", "handle_chinese_chars", "strip_accents", "lowercase"));
        Boolean stripAccents = o.has("strip_accents") ? o.bool("strip_accents", false) : null;
        return new BertNormalizer(requiredBool(o, "clean_text"), requiredBool(o, "handle_chinese_chars"), stripAccents, requiredBool(o, "lowercase"));
      }
      case "Precompiled" -> {
        o.allowOnly(Set.of("type", "precompiled_charsmap"));
        String field = o.child("precompiled_charsmap");
        byte[] bytes;
        try {
          bytes = Base64.getDecoder().decode(o.string("precompiled_charsmap"));
        } catch (IllegalArgumentException e) {
          throw JsonPath.error(field, "not base64: " + e.getMessage());
        }
        try {
          return new Precompiled(PrecompiledCharsmap.parse(bytes), Precompiled.Mode.HUGGING_FACE);
        } catch (IllegalArgumentException e) {
          throw JsonPath.error(field, e.getMessage());
        }
      }
      default -> throw JsonPath.unsupported(o, "normalizer", type);
    }
  }

  private static boolean requiredBool(JsonPath o, String field) throws TokenizerFormatException {
    if (!o.has(field)) throw JsonPath.error(o.child(field), "missing (expected true or false)");
    return o.bool(field, false);
  }

  static void write(JsonGenerator g, Normalizer n) throws IOException {
    if (n == null) {
      g.writeNull();
      return;
    }
    if (n instanceof Precompiled precompiled && precompiled.mode() != Precompiled.Mode.HUGGING_FACE) {
      throw new TokenizerFormatException("tokenizer.json has no SentencePiece-mode Precompiled normalizer");
    }
    g.writeStartObject();
    g.writeStringField("type", Normalizers.huggingFaceType(n));
    if (n instanceof NormalizerSequence seq) {
      g.writeArrayFieldStart("normalizers");
      for (Normalizer stage : seq.stages()) write(g, stage);
      g.writeEndArray();
    } else if (n instanceof Strip strip) {
      g.writeBooleanField("strip_left", strip.stripLeft());
      g.writeBooleanField("strip_right", strip.stripRight());
    } else if (n instanceof Prepend prepend) {
      g.writeStringField("prepend", prepend.prefix());
    } else if (n instanceof Replace replace) {
      g.writeObjectFieldStart("pattern");
      g.writeStringField(replace.isRegex() ? "Regex" : "String", replace.pattern());
      g.writeEndObject();
      g.writeStringField("content", replace.content());
    } else if (n instanceof BertNormalizer bert) {
      g.writeBooleanField("clean_text", bert.cleanText());
      g.writeBooleanField("handle_chinese_chars", bert.handleChineseChars());
      if (bert.stripAccents() == null) g.writeNullField("strip_accents");
      else g.writeBooleanField("strip_accents", bert.stripAccents());
      g.writeBooleanField("lowercase", bert.lowercase());
    } else if (n instanceof Precompiled precompiled) {
      g.writeStringField("precompiled_charsmap", Base64.getEncoder().encodeToString(precompiled.charsmap().bytes()));
    }
    g.writeEndObject();
  }
}
