package dev.toksmith.vocab.hf;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * JSON trees read straight from a parser, without an {@code ObjectMapper}: building one loads and
 * initialises hundreds of classes (20-25 ms of CPU), the largest part of loading a tokenizer.json
 * whose vocabulary and merges come from the cache, which reads only a few small trees. The nodes are
 * those Jackson's {@code readTree} gives with toksmith's settings: a number with a fraction or
 * exponent is a {@code DecimalNode} of its digits as written (trailing zeros kept: Hugging Face reads
 * numbers its own way, see {@link ModelJson}), an integer the smallest of int, long and BigInteger
 * nodes, and a key given twice in one object is an error, in the words of Jackson's parser.
 */
final class JsonTrees {
  /** Makes every node of the trees read here; decimal numbers keep their digits as written. */
  static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private JsonTrees() {}

  /** The value whose first token the parser is at, read whole; the parser is left at its last token. */
  static JsonNode read(JsonParser p) throws IOException {
    JsonToken token = p.currentToken();
    if (token == null) throw new JsonParseException(p, "no value where one was expected");
    switch (token) {
      case START_OBJECT:
        ObjectNode object = NODES.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          p.nextToken();
          if (object.replace(key, read(p)) != null) throw new JsonParseException(p, "Duplicate field '" + key + "'");
        }
        return object;
      case START_ARRAY:
        ArrayNode array = NODES.arrayNode();
        while (p.nextToken() != JsonToken.END_ARRAY) array.add(read(p));
        return array;
      case VALUE_STRING:
        return NODES.textNode(p.getText());
      case VALUE_NUMBER_INT:
        return switch (p.getNumberType()) {
          case INT -> NODES.numberNode(p.getIntValue());
          case LONG -> NODES.numberNode(p.getLongValue());
          default -> NODES.numberNode(p.getBigIntegerValue());
        };
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(p.getDecimalValue());
      case VALUE_TRUE:
      case VALUE_FALSE:
        return NODES.booleanNode(token == JsonToken.VALUE_TRUE);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        throw new JsonParseException(p, "unexpected " + token + " where a value was expected");
    }
  }
}
