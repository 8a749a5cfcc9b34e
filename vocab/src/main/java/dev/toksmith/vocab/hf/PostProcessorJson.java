package dev.toksmith.vocab.hf;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.toksmith.core.processors.BertProcessing;
import dev.toksmith.core.processors.ByteLevelProcessor;
import dev.toksmith.core.processors.PostProcessor;
import dev.toksmith.core.processors.ProcessorSequence;
import dev.toksmith.core.processors.RobertaProcessing;
import dev.toksmith.core.processors.TemplateProcessing;
import dev.toksmith.core.text.Utf8;
import dev.toksmith.vocab.TokenizerFormatException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * tokenizer.json's {@code post_processor}: every post-processor toksmith runs, registered with Hugging
 * Face's type name, reader and writer.
 */
final class PostProcessorJson {
  private PostProcessorJson() {}

  /** A {@code ["[SEP]", 102]} pair. */
  private static JsonNode tokenAndId(JsonPath o, String field) throws TokenizerFormatException {
    JsonNode v = o.array(field);
    if (v.size() != 2 || !v.get(0).isTextual() || !v.get(1).canConvertToInt() || !v.get(1).isIntegralNumber()) {
      throw JsonPath.error(o.child(field), "expected [token, id], found " + JsonPath.describe(v));
    }
    return v;
  }

  static final ComponentRegistry<PostProcessor, StageReader<PostProcessor>> COMPONENTS = new ComponentRegistry<PostProcessor, StageReader<PostProcessor>>("post_processor", PostProcessor::describe)
      .add(ByteLevelProcessor.TYPE, ByteLevelProcessor.class, (o, stages) -> {
        o.allowOnly(StageFields.BYTE_LEVEL_FIELDS);
        return new ByteLevelProcessor(o.bool("add_prefix_space", true), o.bool("trim_offsets", true), o.bool("use_regex", true));
      }, (g, b, stages) -> StageFields.writeByteLevel(g, b.addPrefixSpace(), b.trimOffsets(), b.useRegex()))
      .add(BertProcessing.TYPE, BertProcessing.class, (o, stages) -> {
        o.allowOnly(Set.of("type", "sep", "cls"));
        JsonNode sep = tokenAndId(o, "sep");
        JsonNode cls = tokenAndId(o, "cls");
        return new BertProcessing(sep.get(0).asText(), sep.get(1).asInt(), cls.get(0).asText(), cls.get(1).asInt());
      }, (g, b, stages) -> {
        writeTokenAndId(g, "sep", b.sep(), b.sepId());
        writeTokenAndId(g, "cls", b.cls(), b.clsId());
      })
      .add(RobertaProcessing.TYPE, RobertaProcessing.class, (o, stages) -> {
        o.allowOnly(Set.of("type", "sep", "cls", "trim_offsets", "add_prefix_space"));
        JsonNode sep = tokenAndId(o, "sep");
        JsonNode cls = tokenAndId(o, "cls");
        return new RobertaProcessing(sep.get(0).asText(), sep.get(1).asInt(), cls.get(0).asText(), cls.get(1).asInt(), o.bool("trim_offsets", true), o.bool("add_prefix_space", true));
      }, (g, r, stages) -> {
        writeTokenAndId(g, "sep", r.sep(), r.sepId());
        writeTokenAndId(g, "cls", r.cls(), r.clsId());
        g.writeBooleanField("trim_offsets", r.trimOffsets());
        g.writeBooleanField("add_prefix_space", r.addPrefixSpace());
      })
      .add(ProcessorSequence.TYPE, ProcessorSequence.class, (o, stages) -> {
        o.allowOnly(Set.of("type", "processors"));
        return new ProcessorSequence(stages.readList(o, "processors"));
      }, (g, seq, stages) -> stages.writeList(g, "processors", seq.processors()))
      .add(TemplateProcessing.TYPE, TemplateProcessing.class, PostProcessorJson::readTemplate, PostProcessorJson::writeTemplate);

  static PostProcessor read(JsonPath o) throws TokenizerFormatException {
    return COMPONENTS.read(o, o.string("type"), PostProcessorJson::read);
  }

  static void write(JsonGenerator g, PostProcessor p) throws IOException {
    COMPONENTS.write(g, p);
  }

  private static PostProcessor readTemplate(JsonPath o, StageReader<PostProcessor> stages) throws TokenizerFormatException {
    o.allowOnly(Set.of("type", "single", "pair", "special_tokens"));
    List<TemplateProcessing.Piece> single = template(o, "single");
    List<TemplateProcessing.Piece> pair = template(o, "pair");
    JsonPath specials = JsonPath.object(o.get("special_tokens"), o.child("special_tokens"));
    Map<String, TemplateProcessing.SpecialToken> tokens = new LinkedHashMap<>();
    var it = specials.node().fields();
    while (it.hasNext()) {
      var e = it.next();
      JsonPath s = JsonPath.object(e.getValue(), specials.child(e.getKey()));
      s.allowOnly(Set.of("id", "ids", "tokens"));
      List<Integer> ids = new ArrayList<>();
      JsonNode idsNode = s.array("ids");
      for (int i = 0; i < idsNode.size(); i++) {
        if (!idsNode.get(i).canConvertToInt()) throw JsonPath.error(s.child("ids") + "[" + i + "]", "expected an integer id");
        ids.add(idsNode.get(i).asInt());
      }
      List<String> toks = new ArrayList<>();
      JsonNode toksNode = s.array("tokens");
      for (int i = 0; i < toksNode.size(); i++) toks.add(toksNode.get(i).asText());
      try {
        tokens.put(e.getKey(), new TemplateProcessing.SpecialToken(s.string("id"), ids, toks));
      } catch (IllegalArgumentException ex) {
        throw JsonPath.error(s.path(), ex.getMessage());
      }
    }
    try {
      return new TemplateProcessing(single, pair, tokens);
    } catch (IllegalArgumentException e) {
      throw JsonPath.error(o.path(), e.getMessage());
    }
  }

  private static void writeTemplate(JsonGenerator g, TemplateProcessing t, StageWriter<PostProcessor> stages) throws IOException {
    template(g, "single", t.single());
    template(g, "pair", t.pair());
    g.writeObjectFieldStart("special_tokens");
    // Sorted by name as Hugging Face writes them (Rust orders strings by code point), whatever order they were read in.
    List<TemplateProcessing.SpecialToken> specials = new ArrayList<>(t.specialTokens().values());
    specials.sort(Comparator.comparing(TemplateProcessing.SpecialToken::id, Utf8.CODE_POINT_ORDER));
    for (TemplateProcessing.SpecialToken s : specials) {
      g.writeObjectFieldStart(s.id());
      g.writeStringField("id", s.id());
      g.writeArrayFieldStart("ids");
      for (int id : s.ids()) g.writeNumber(id);
      g.writeEndArray();
      g.writeArrayFieldStart("tokens");
      for (String tok : s.tokens()) g.writeString(tok);
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static void writeTokenAndId(JsonGenerator g, String field, String token, int id) throws IOException {
    g.writeArrayFieldStart(field);
    g.writeString(token);
    g.writeNumber(id);
    g.writeEndArray();
  }

  private static List<TemplateProcessing.Piece> template(JsonPath o, String field) throws TokenizerFormatException {
    JsonNode list = o.array(field);
    List<TemplateProcessing.Piece> pieces = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonPath p = JsonPath.object(list.get(i), o.child(field) + "[" + i + "]");
      p.allowOnly(Set.of("SpecialToken", "Sequence"));
      boolean sequence = p.has("Sequence");
      JsonPath body = JsonPath.object(p.get(sequence ? "Sequence" : "SpecialToken"), p.child(sequence ? "Sequence" : "SpecialToken"));
      body.allowOnly(Set.of("id", "type_id"));
      pieces.add(new TemplateProcessing.Piece(sequence, body.string("id"), body.integer("type_id")));
    }
    return pieces;
  }

  private static void template(JsonGenerator g, String field, List<TemplateProcessing.Piece> pieces) throws IOException {
    g.writeArrayFieldStart(field);
    for (TemplateProcessing.Piece p : pieces) {
      g.writeStartObject();
      g.writeObjectFieldStart(p.isSequence() ? "Sequence" : "SpecialToken");
      g.writeStringField("id", p.id());
      g.writeNumberField("type_id", p.typeId());
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
  }
}
