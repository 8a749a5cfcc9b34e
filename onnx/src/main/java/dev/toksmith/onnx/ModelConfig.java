package dev.toksmith.onnx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toksmith.vocab.TokenizerFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What toksmith reads from the Hugging Face {@code config.json} that Optimum copies beside
 * model.onnx (a multimodal model's {@code text_config} when the top level lacks a field).
 *
 * @param bosId the id read before every text: {@code bos_token_id}, else the first end-of-text id
 *     (GPT-2 has no BOS token and starts texts after {@code <|endoftext|>})
 * @param eosIds {@code eos_token_id}: one id or several, any of which ends a text
 * @param maxPositions the longest input the model takes ({@code n_positions}, {@code
 *     max_position_embeddings} or {@code n_ctx}), or 0 when the file does not say
 */
record ModelConfig(int bosId, int[] eosIds, int maxPositions) {
  static final String FILE_NAME = "config.json";

  static ModelConfig read(Path file) throws IOException {
    JsonNode root;
    try (InputStream in = Files.newInputStream(file)) {
      root = new ObjectMapper().readTree(in);
    } catch (JsonProcessingException e) {
      throw new TokenizerFormatException(file + ": not valid JSON: " + dev.toksmith.vocab.io.JsonErrors.describe(e), e);
    }
    if (root == null || !root.isObject()) throw new TokenizerFormatException(file + ": not a JSON object");
    JsonNode eos = field(root, "eos_token_id");
    List<Integer> eosIds = new ArrayList<>();
    if (eos != null && eos.isArray()) {
      for (JsonNode id : eos) eosIds.add(id(file, "eos_token_id", id));
    } else if (eos != null) {
      eosIds.add(id(file, "eos_token_id", eos));
    }
    if (eosIds.isEmpty()) throw new TokenizerFormatException(file + ": no eos_token_id; toksmith needs the id that ends a text");
    JsonNode bos = field(root, "bos_token_id");
    int bosId = bos != null ? id(file, "bos_token_id", bos) : eosIds.get(0);
    int maxPositions = 0;
    for (String key : List.of("n_positions", "max_position_embeddings", "n_ctx")) {
      JsonNode n = field(root, key);
      if (n != null && n.canConvertToInt() && n.asInt() > 0) {
        maxPositions = n.asInt();
        break;
      }
    }
    return new ModelConfig(bosId, eosIds.stream().mapToInt(Integer::intValue).distinct().toArray(), maxPositions);
  }

  private static JsonNode field(JsonNode root, String key) {
    JsonNode value = root.get(key);
    if ((value == null || value.isNull()) && root.get("text_config") != null) value = root.get("text_config").get(key);
    return value == null || value.isNull() ? null : value;
  }

  private static int id(Path file, String key, JsonNode value) throws TokenizerFormatException {
    if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 0) {
      throw new TokenizerFormatException(file + ": " + key + " must be a token id, not " + value);
    }
    return value.asInt();
  }
}
