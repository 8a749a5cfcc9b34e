package dev.toksmith.vocab.hf;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.toksmith.api.Padding;
import dev.toksmith.api.Truncation;
import dev.toksmith.vocab.TokenizerFormatException;
import java.io.IOException;
import java.util.Set;

/** tokenizer.json's {@code truncation} and {@code padding}. */
final class TruncationPaddingJson {
  private TruncationPaddingJson() {}

  static Truncation readTruncation(JsonPath o) throws TokenizerFormatException {
    o.allowOnly(Set.of("direction", "max_length", "strategy", "stride"));
    Truncation.Strategy strategy = switch (o.string("strategy")) {
      case "LongestFirst" -> Truncation.Strategy.LONGEST_FIRST;
      case "OnlyFirst" -> Truncation.Strategy.ONLY_FIRST;
      case "OnlySecond" -> Truncation.Strategy.ONLY_SECOND;
      default -> throw JsonPath.error(o.child("strategy"), "unknown truncation strategy " + JsonPath.quote(o.string("strategy")));
    };
    // Files written before truncation had a direction cut on the right.
    Truncation.Direction direction = o.has("direction") ? direction(o, "direction") : Truncation.Direction.RIGHT;
    return new Truncation(nonNegative(o, "max_length"), nonNegative(o, "stride"), strategy, direction);
  }

  static Padding readPadding(JsonPath o) throws TokenizerFormatException {
    o.allowOnly(Set.of("strategy", "direction", "pad_to_multiple_of", "pad_id", "pad_type_id", "pad_token"));
    JsonNode strategy = o.get("strategy");
    int length;
    if (strategy != null && strategy.isTextual() && strategy.asText().equals("BatchLongest")) {
      length = 0;
    } else if (strategy != null && strategy.isObject()) {
      JsonPath fixed = JsonPath.object(strategy, o.child("strategy"));
      fixed.allowOnly(Set.of("Fixed"));
      length = nonNegative(fixed, "Fixed");
      if (length == 0) throw JsonPath.error(fixed.child("Fixed"), "a fixed padding length of 0 pads nothing; use BatchLongest or null");
    } else {
      throw JsonPath.error(o.child("strategy"), "expected \"BatchLongest\" or {\"Fixed\": n}, found " + JsonPath.describe(strategy));
    }
    int multiple = o.has("pad_to_multiple_of") ? nonNegative(o, "pad_to_multiple_of") : 0;
    try {
      return new Padding(length, direction(o, "direction"), multiple, nonNegative(o, "pad_id"), nonNegative(o, "pad_type_id"), o.string("pad_token"));
    } catch (IllegalArgumentException e) {
      throw JsonPath.error(o.path(), e.getMessage());
    }
  }

  private static Truncation.Direction direction(JsonPath o, String field) throws TokenizerFormatException {
    return switch (o.string(field)) {
      case "Left" -> Truncation.Direction.LEFT;
      case "Right" -> Truncation.Direction.RIGHT;
      default -> throw JsonPath.error(o.child(field), "expected Left or Right, found " + JsonPath.quote(o.string(field)));
    };
  }

  private static int nonNegative(JsonPath o, String field) throws TokenizerFormatException {
    int v = o.integer(field);
    if (v < 0) throw JsonPath.error(o.child(field), "must not be negative");
    return v;
  }

  static void writeTruncation(JsonGenerator g, Truncation t) throws IOException {
    if (t == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeStringField("direction", t.direction() == Truncation.Direction.LEFT ? "Left" : "Right");
    g.writeNumberField("max_length", t.maxLength());
    g.writeStringField("strategy", switch (t.strategy()) {
      case LONGEST_FIRST -> "LongestFirst";
      case ONLY_FIRST -> "OnlyFirst";
      case ONLY_SECOND -> "OnlySecond";
    });
    g.writeNumberField("stride", t.stride());
    g.writeEndObject();
  }

  static void writePadding(JsonGenerator g, Padding p) throws IOException {
    if (p == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    if (p.toLongest()) {
      g.writeStringField("strategy", "BatchLongest");
    } else {
      g.writeObjectFieldStart("strategy");
      g.writeNumberField("Fixed", p.length());
      g.writeEndObject();
    }
    g.writeStringField("direction", p.direction() == Truncation.Direction.LEFT ? "Left" : "Right");
    if (p.padToMultipleOf() > 0) g.writeNumberField("pad_to_multiple_of", p.padToMultipleOf());
    else g.writeNullField("pad_to_multiple_of");
    g.writeNumberField("pad_id", p.padId());
    g.writeNumberField("pad_type_id", p.padTypeId());
    g.writeStringField("pad_token", p.padToken());
    g.writeEndObject();
  }
}
