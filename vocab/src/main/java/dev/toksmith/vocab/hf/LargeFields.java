package dev.toksmith.vocab.hf;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a tokenizer.json document as a JSON tree, except the two fields that hold most of it, the
 * model's {@code vocab} object and {@code merges} array: those are read straight into compact lists
 * and stand in the tree as {@link POJONode}s holding a {@link TokenIds} or a {@link Merges}, which
 * {@link ModelJson} reads as it reads the JSON. A tree of a 200,000-token vocabulary and its merges
 * holds millions of nodes that cost seconds to build and collect; the lists hold only the strings.
 */
final class LargeFields {
  /** Entries kept as JSON at the start of each field, so that messages can show it as they show a tree. */
  private static final int PREVIEW = 8;

  /**
   * A {@code vocab} object: token to id, and the entries whose id is no non-negative int, by token in
   * the order given (a token given again takes its place, as in a tree).
   */
  record TokenIds(Object2IntOpenHashMap<String> ids, Map<String, JsonNode> bad, JsonNode preview) {}

  /**
   * A {@code merges} array: each element as {@code left right} (right null for a string element),
   * and whether all are two-string pairs and whether all are strings, as the tree reader checks.
   */
  record Merges(List<String> lefts, List<String> rights, boolean allPairs, boolean allStrings, JsonNode preview) {
    int size() {
      return lefts.size();
    }
  }

  /** The JSON start of a streamed field, for messages; the node itself for any other. */
  static JsonNode preview(JsonNode node) {
    if (node instanceof POJONode pojo && pojo.getPojo() instanceof TokenIds ids) return ids.preview();
    if (node instanceof POJONode pojo && pojo.getPojo() instanceof Merges merges) return merges.preview();
    return node;
  }

  /** A merges array of a tree, as {@link #merges(JsonParser)} reads one. */
  static Merges merges(JsonNode list) {
    List<String> lefts = new ArrayList<>(list.size());
    List<String> rights = new ArrayList<>(list.size());
    boolean allPairs = true;
    boolean allStrings = true;
    for (JsonNode m : list) {
      boolean pair = m.isArray() && m.size() == 2 && m.get(0).isTextual() && m.get(1).isTextual();
      allPairs &= pair;
      allStrings &= m.isTextual();
      if (pair || m.isTextual()) {
        lefts.add(pair ? m.get(0).asText() : m.asText());
        rights.add(pair ? m.get(1).asText() : null);
      }
    }
    return new Merges(lefts, rights, allPairs, allStrings, list);
  }

  private LargeFields() {}

  /** Reads the document the parser is at; a root that is not an object is read as a plain tree. */
  static JsonNode read(ObjectMapper mapper, JsonParser parser) throws IOException {
    JsonToken first = parser.nextToken();
    if (first == null) return null;
    if (first != JsonToken.START_OBJECT) return mapper.readTree(parser);
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      root.set(name, name.equals("model") && value == JsonToken.START_OBJECT ? model(mapper, parser) : mapper.readTree(parser));
    }
    return root;
  }

  private static ObjectNode model(ObjectMapper mapper, JsonParser parser) throws IOException {
    ObjectNode model = JsonNodeFactory.instance.objectNode();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (name.equals("vocab") && value == JsonToken.START_OBJECT) model.set(name, new POJONode(tokenIds(mapper, parser)));
      else if (name.equals("merges") && value == JsonToken.START_ARRAY) model.set(name, new POJONode(merges(mapper, parser)));
      else model.set(name, mapper.readTree(parser));
    }
    return model;
  }

  private static TokenIds tokenIds(ObjectMapper mapper, JsonParser parser) throws IOException {
    Object2IntOpenHashMap<String> ids = new Object2IntOpenHashMap<>();
    ids.defaultReturnValue(-1);
    Map<String, JsonNode> bad = new LinkedHashMap<>();
    ObjectNode preview = JsonNodeFactory.instance.objectNode();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String token = parser.currentName();
      JsonToken value = parser.nextToken();
      if (value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT && parser.getIntValue() >= 0) {
        int id = parser.getIntValue();
        ids.put(token, id);
        if (!bad.isEmpty()) bad.remove(token);
        if (preview.size() < PREVIEW) preview.put(token, id);
      } else {
        JsonNode node = mapper.readTree(parser);
        ids.removeInt(token);
        bad.put(token, node);
        if (preview.size() < PREVIEW) preview.set(token, node);
      }
    }
    return new TokenIds(ids, bad, preview);
  }

  private static Merges merges(ObjectMapper mapper, JsonParser parser) throws IOException {
    List<String> lefts = new ArrayList<>();
    List<String> rights = new ArrayList<>();
    boolean allPairs = true;
    boolean allStrings = true;
    ArrayNode preview = JsonNodeFactory.instance.arrayNode();
    for (JsonToken element = parser.nextToken(); element != JsonToken.END_ARRAY; element = parser.nextToken()) {
      if (preview.size() < PREVIEW) {
        // The first elements as a tree, then as any other.
        JsonNode node = mapper.readTree(parser);
        preview.add(node);
        Merges one = merges(JsonNodeFactory.instance.arrayNode().add(node));
        allPairs &= one.allPairs();
        allStrings &= one.allStrings();
        lefts.addAll(one.lefts());
        rights.addAll(one.rights());
        continue;
      }
      if (element == JsonToken.VALUE_STRING) {
        allPairs = false;
        lefts.add(parser.getText());
        rights.add(null);
        continue;
      }
      allStrings = false;
      if (element != JsonToken.START_ARRAY) {
        allPairs = false;
        parser.skipChildren();
        continue;
      }
      // An element that is an array: a pair when it holds exactly two strings.
      String left = null;
      String right = null;
      int strings = 0;
      boolean others = false;
      for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
        if (item == JsonToken.VALUE_STRING) {
          if (strings == 0) left = parser.getText();
          else if (strings == 1) right = parser.getText();
          strings++;
        } else {
          others = true;
          parser.skipChildren();
        }
      }
      if (others || strings != 2) {
        allPairs = false;
        continue;
      }
      lefts.add(left);
      rights.add(right);
    }
    return new Merges(lefts, rights, allPairs, allStrings, preview);
  }
}
