package dev.toksmith.vocab.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.api.TokenizerDescription;
import dev.toksmith.vocab.RealTokenizerFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code Tokenizer.description()} says what the tokenizer.json file says: each stage's type, and
 * every field of its normalizer, pre-tokenizer, post-processor and decoder under the file's own
 * name and value (a {@code pattern} as {@code pattern} and {@code regex}, a template as Hugging
 * Face's template strings {@code $A:0}, special tokens as their ids). Checked on the real files
 * (BERT's TemplateProcessing, Llama 3's ByteLevel post-processor, Llama 2's decoder sequence, ...);
 * {@link ComponentRoundTripTest} checks it on an example of every registered component.
 */
class DescriptionMatchesJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The stages whose every field the description carries, with the field holding a Sequence's stages. */
  static final Map<String, String> DESCRIBED_STAGES = Map.of("normalizer", "normalizers", "pre_tokenizer", "pretokenizers", "post_processor", "processors", "decoder", "decoders");

  /** Fields a description leaves out, by stage and type: the ByteLevel decoder ignores its flags, a charsmap is bytes. */
  private static final Map<String, Set<String>> NOT_DESCRIBED = Map.of(
      "decoder ByteLevel", Set.of("add_prefix_space", "trim_offsets", "use_regex"),
      "normalizer Precompiled", Set.of("precompiled_charsmap"),
      "pre_tokenizer Metaspace", Set.of("str_rep", "add_prefix_space"),
      "decoder Metaspace", Set.of("str_rep", "add_prefix_space"));

  @TestFactory
  Stream<DynamicTest> realFilesAreDescribedAsWritten() throws Exception {
    return RealTokenizerFiles.eachFile(Path.of(""), file -> {
      JsonNode root = MAPPER.readTree(file.toFile());
      TokenizerDescription d = TokenizerJsonReader.read(root).description();
      Map<String, Stage> stages = new LinkedHashMap<>();
      stages.put("normalizer", d.normalizer());
      stages.put("pre_tokenizer", d.preTokenizer());
      stages.put("post_processor", d.postProcessor());
      stages.put("decoder", d.decoder());
      stages.forEach((stage, described) -> assertDescribes(stage, file.getFileName() + " " + stage, root.get(stage), described));
      // Older files (GPT-2's) leave the model's type out; Hugging Face then reads it as the one whose fields fit.
      JsonNode modelType = root.get("model").get("type");
      if (modelType != null) assertEquals(modelType.asText(), d.model().type());
    });
  }

  /** {@code described} is the description of the stage object {@code json} (null or JSON null: none). */
  static void assertDescribes(String stage, String where, JsonNode json, Stage described) {
    if (json == null || json.isNull()) {
      assertNull(described, where);
      return;
    }
    assertNotNull(described, where);
    String type = json.get("type").asText();
    assertEquals(type, described.type(), where);
    Set<String> skipped = NOT_DESCRIBED.getOrDefault(stage + " " + type, Set.of());
    String children = DESCRIBED_STAGES.get(stage);
    List<String> fields = new ArrayList<>();
    json.fieldNames().forEachRemaining(fields::add);
    for (String field : fields) {
      if (field.equals("type") || skipped.contains(field)) continue;
      JsonNode value = json.get(field);
      String at = where + "." + field;
      if (field.equals(children) && type.equals("Sequence")) {
        assertEquals(value.size(), described.children().size(), at);
        for (int i = 0; i < value.size(); i++) assertDescribes(stage, at + "[" + i + "]", value.get(i), described.children().get(i));
      } else if (field.equals("pattern")) {
        boolean regex = value.has("Regex");
        assertEquals(regex, described.parameter("regex"), at);
        assertEquals(value.get(regex ? "Regex" : "String").asText(), described.parameter("pattern"), at);
      } else if (field.equals("single") || field.equals("pair")) {
        List<String> pieces = new ArrayList<>();
        for (JsonNode piece : value) {
          JsonNode body = piece.has("Sequence") ? piece.get("Sequence") : piece.get("SpecialToken");
          pieces.add((piece.has("Sequence") ? "$" : "") + body.get("id").asText() + ":" + body.get("type_id").asInt());
        }
        assertEquals(pieces, described.parameter(field), at);
      } else if (field.equals("special_tokens")) {
        Map<String, List<Integer>> ids = new LinkedHashMap<>();
        value.fields().forEachRemaining(e -> ids.put(e.getKey(), MAPPER.convertValue(e.getValue().get("ids"), MAPPER.getTypeFactory().constructCollectionType(List.class, Integer.class))));
        assertEquals(ids, described.parameter(field), at);
      } else if (value.isNull()) {
        assertFalse(described.parameters().containsKey(field) && described.parameter(field) != null, at);
      } else {
        assertTrue(described.parameters().containsKey(field), () -> at + " is not in the description " + described.parameters().keySet());
        assertEquals(MAPPER.valueToTree(value), MAPPER.valueToTree(described.parameter(field)), at);
      }
    }
  }
}
