package dev.toksmith.vocab.hf;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.toksmith.core.normalizers.Normalizer;
import dev.toksmith.core.normalizers.NormalizerSequence;
import dev.toksmith.core.normalizers.Normalizers;
import dev.toksmith.vocab.TokenizerFormatException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** tokenizer.json's {@code normalizer}: reading and writing every normalizer toksmith runs. */
final class NormalizerJson {
  private NormalizerJson() {}

  static Normalizer read(JsonPath o) throws TokenizerFormatException {
    String type = o.string("type");
    switch (type) {
      case "NFC", "NFD", "NFKC", "NFKD", "Lowercase" -> {
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
      default -> throw JsonPath.unsupported(o, "normalizer", type);
    }
  }

  static void write(JsonGenerator g, Normalizer n) throws IOException {
    if (n == null) {
      g.writeNull();
    } else if (n instanceof NormalizerSequence seq) {
      g.writeStartObject();
      g.writeStringField("type", "Sequence");
      g.writeArrayFieldStart("normalizers");
      for (Normalizer stage : seq.stages()) write(g, stage);
      g.writeEndArray();
      g.writeEndObject();
    } else {
      g.writeStartObject();
      g.writeStringField("type", Normalizers.huggingFaceType(n));
      g.writeEndObject();
    }
  }

}
