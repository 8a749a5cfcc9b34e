package dev.toksmith.vocab.hf;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.toksmith.core.pretokenizers.ByteLevel;
import dev.toksmith.core.pretokenizers.PreTokenizer;
import dev.toksmith.core.pretokenizers.PreTokenizerSequence;
import dev.toksmith.core.pretokenizers.Split;
import dev.toksmith.core.pretokenizers.SplitBehavior;
import dev.toksmith.vocab.TokenizerFormatException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** tokenizer.json's {@code pre_tokenizer}: reading and writing every pre-tokenizer toksmith runs. */
final class PreTokenizerJson {
  private PreTokenizerJson() {}

  static PreTokenizer read(JsonPath o) throws TokenizerFormatException {
    String type = o.string("type");
    switch (type) {
      case "ByteLevel" -> {
        o.allowOnly(Set.of("type", "add_prefix_space", "trim_offsets", "use_regex"));
        return new ByteLevel(o.bool("add_prefix_space", true), o.bool("use_regex", true), o.bool("trim_offsets", true));
      }
      case "Split" -> {
        o.allowOnly(Set.of("type", "pattern", "behavior", "invert"));
        JsonPath pattern = JsonPath.object(o.get("pattern"), o.child("pattern"));
        pattern.allowOnly(Set.of("Regex", "String"));
        boolean regex = pattern.has("Regex");
        String text = pattern.string(regex ? "Regex" : "String");
        try {
          return new Split(text, regex, behavior(o), o.bool("invert", false));
        } catch (java.util.regex.PatternSyntaxException e) {
          throw JsonPath.error(pattern.child("Regex"), "regex does not compile: " + e.getDescription());
        }
      }
      case "Sequence" -> {
        o.allowOnly(Set.of("type", "pretokenizers"));
        JsonNode list = o.array("pretokenizers");
        List<PreTokenizer> stages = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
          PreTokenizer stage = read(JsonPath.object(list.get(i), o.child("pretokenizers") + "[" + i + "]"));
          // toksmith hands bytes to the model instead of rewriting the text, so nothing may split after ByteLevel.
          if (i > 0 && stages.get(i - 1).byteLevel()) throw JsonPath.error(o.child("pretokenizers") + "[" + i + "]", "a pre-tokenizer after ByteLevel is not supported");
          stages.add(stage);
        }
        return new PreTokenizerSequence(stages);
      }
      default -> throw JsonPath.unsupported(o, "pre_tokenizer", type);
    }
  }

  private static SplitBehavior behavior(JsonPath o) throws TokenizerFormatException {
    String b = o.string("behavior");
    return switch (b) {
      case "Removed" -> SplitBehavior.REMOVED;
      case "Isolated" -> SplitBehavior.ISOLATED;
      case "MergedWithPrevious" -> SplitBehavior.MERGED_WITH_PREVIOUS;
      case "MergedWithNext" -> SplitBehavior.MERGED_WITH_NEXT;
      case "Contiguous" -> SplitBehavior.CONTIGUOUS;
      default -> throw JsonPath.error(o.child("behavior"), "unknown split behavior " + b);
    };
  }

  static void write(JsonGenerator g, PreTokenizer p) throws IOException {
    if (p == null) {
      g.writeNull();
    } else if (p instanceof ByteLevel b) {
      JsonPath.writeByteLevel(g, b.addPrefixSpace(), b.trimOffsets(), b.useRegex());
    } else if (p instanceof Split s) {
      g.writeStartObject();
      g.writeStringField("type", "Split");
      g.writeObjectFieldStart("pattern");
      g.writeStringField(s.isRegex() ? "Regex" : "String", s.patternText());
      g.writeEndObject();
      g.writeStringField("behavior", behaviorName(s.behavior()));
      g.writeBooleanField("invert", s.invert());
      g.writeEndObject();
    } else if (p instanceof PreTokenizerSequence seq) {
      g.writeStartObject();
      g.writeStringField("type", "Sequence");
      g.writeArrayFieldStart("pretokenizers");
      for (PreTokenizer stage : seq.stages()) write(g, stage);
      g.writeEndArray();
      g.writeEndObject();
    } else {
      throw new TokenizerFormatException("cannot write pre-tokenizer " + p.getClass().getSimpleName());
    }
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
