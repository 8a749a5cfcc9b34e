package dev.toksmith.vocab.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a tokenizer.json document as a JSON tree, except the two fields that hold most of it, the
 * model's {@code vocab} object and {@code merges} array: those are read from the document's bytes
 * straight into compact form and stand in the tree as {@link POJONode}s holding a {@link TokenIds} or
 * a {@link Merges}, which {@link ModelJson} reads as it reads the JSON. A tree of a 200,000-token
 * vocabulary and its merges holds millions of nodes that cost seconds to build and collect; the
 * compact form holds the tokens and the merges' bytes, and merges are resolved from bytes. A document
 * these fields' reader does not follow (escapes it leaves alone, malformed JSON) is read by Jackson
 * whole, which reports what is wrong.
 */
final class LargeFields {
  /** Entries kept as JSON at the start of each field, so that messages can show it as they show a tree. */
  private static final int PREVIEW = 8;

  /**
   * A {@code vocab} object: token to id, the same by UTF-8 bytes, and the entries whose id is no
   * non-negative int, by token in the order given (a token given again takes its place, as in a tree).
   */
  record TokenIds(Utf8Ids utf8, Map<String, JsonNode> bad, JsonNode preview) {
    /** Token to id as strings, made when called. */
    Object2IntOpenHashMap<String> ids() {
      Object2IntOpenHashMap<String> ids = utf8.toMap();
      for (String token : bad.keySet()) ids.removeInt(token);
      return ids;
    }
  }

  /**
   * A {@code merges} array: each element's bytes in {@code arena}, as {@code left right} for a pair
   * and {@code left} alone (right start -1) for a string, and whether all elements are two-string pairs
   * and whether all are strings, as the tree reader checks.
   */
  record Merges(byte[] arena, int[] leftStarts, int[] leftLengths, int[] rightStarts, int[] rightLengths, int size, boolean allPairs, boolean allStrings,
      JsonNode preview) {}

  private LargeFields() {}

  /** Reads a whole document; null when it holds nothing. */
  static JsonNode read(ObjectMapper mapper, byte[] doc) throws IOException {
    int[] at = locate(doc);
    // The two fields are read at once, the merges on another thread.
    var both = Alongside.run(() -> at == null || at[0] < 0 ? null : tokenIds(mapper, doc, at[0], at[1]),
        () -> at == null || at[2] < 0 ? null : merges(mapper, doc, at[2], at[3]));
    TokenIds vocab = both.mine();
    Merges merges = both.other();
    if (vocab == null && merges == null) return readWhole(mapper, new ByteArrayInputStream(doc));
    // The document with the two values left out (null in their place) is small: Jackson reads the rest.
    int[] cuts = vocab != null && merges != null ? (at[0] < at[2] ? new int[] {at[0], at[1], at[2], at[3]} : new int[] {at[2], at[3], at[0], at[1]})
        : vocab != null ? new int[] {at[0], at[1]} : new int[] {at[2], at[3]};
    InputStream rest = new ByteArrayInputStream(doc, 0, cuts[0]);
    for (int k = 0; k < cuts.length; k += 2) {
      int next = k + 2 < cuts.length ? cuts[k + 2] : doc.length;
      rest = new SequenceInputStream(rest, new SequenceInputStream(new ByteArrayInputStream("null".getBytes(StandardCharsets.US_ASCII)),
          new ByteArrayInputStream(doc, cuts[k + 1], next - cuts[k + 1])));
    }
    JsonNode root = readWhole(mapper, rest);
    ObjectNode model = (ObjectNode) root.get("model");
    if (vocab != null) model.set("vocab", new POJONode(vocab));
    if (merges != null) model.set("merges", new POJONode(merges));
    return root;
  }

  private static JsonNode readWhole(ObjectMapper mapper, InputStream in) throws IOException {
    try (var parser = mapper.createParser(in)) {
      return parser.nextToken() == null ? null : mapper.readTree(parser);
    }
  }

  /**
   * The byte ranges of the value of the top-level {@code model} object's {@code vocab} (when an
   * object) and {@code merges} (when an array), -1 for one that is not there; the last of repeated
   * keys, as a tree keeps it. Null when the document is not the JSON object this expects.
   */
  private static int[] locate(byte[] doc) {
    JsonBytes j = new JsonBytes(doc, 0, doc.length);
    int[] at = {-1, -1, -1, -1};
    if (!j.take('{')) return null;
    if (j.take('}')) return at;
    do {
      if (!j.string() || !j.take(':')) return null;
      if (!j.textIs("model")) {
        if (!j.skipValue()) return null;
        continue;
      }
      Arrays.fill(at, -1);
      if (j.peek() != '{') {
        if (!j.skipValue()) return null;
        continue;
      }
      j.take('{');
      if (j.take('}')) continue;
      do {
        if (!j.string() || !j.take(':')) return null;
        int field = j.textIs("vocab") && j.peek() == '{' ? 0 : j.textIs("merges") && j.peek() == '[' ? 2 : -1;
        if (field >= 0) {
          at[field] = j.pos;
          at[field + 1] = -1;
        } else if (j.textIs("vocab")) {
          at[0] = -1;
        } else if (j.textIs("merges")) {
          at[2] = -1;
        }
        if (!j.skipValue()) return null;
        if (field >= 0) at[field + 1] = j.pos;
      } while (j.take(','));
      if (!j.take('}')) return null;
    } while (j.take(','));
    return j.take('}') ? at : null;
  }

  /** The vocab object at {@code doc[from, to)}; null when it holds what this reader leaves to Jackson. */
  private static TokenIds tokenIds(ObjectMapper mapper, byte[] doc, int from, int to) throws IOException {
    JsonBytes j = new JsonBytes(doc, from, to);
    Utf8Ids utf8 = new Utf8Ids();
    Map<String, JsonNode> bad = new LinkedHashMap<>();
    ObjectNode preview = JsonNodeFactory.instance.objectNode();
    j.take('{');
    if (!j.take('}')) {
      do {
        if (!j.string() || !j.take(':')) return null;
        int id = j.nonNegativeInt();
        if (id >= 0) {
          utf8.put(j.text, 0, j.length, id);
          if (!bad.isEmpty() || preview.size() < PREVIEW) {
            String token = new String(j.text, 0, j.length, StandardCharsets.UTF_8);
            bad.remove(token);
            if (preview.size() < PREVIEW) preview.put(token, id);
          }
        } else {
          // A bad entry: kept apart for the message (it fails the file unless given again with an id).
          String token = new String(j.text, 0, j.length, StandardCharsets.UTF_8);
          int start = j.pos;
          if (!j.skipValue()) return null;
          JsonNode node = mapper.readTree(Arrays.copyOfRange(doc, start, j.pos));
          bad.put(token, node);
          if (preview.size() < PREVIEW) preview.set(token, node);
        }
      } while (j.take(','));
      if (!j.take('}')) return null;
    }
    return j.peek() < 0 ? new TokenIds(utf8, bad, preview) : null;
  }

  /** The tree form of a vocab object, as {@link #tokenIds(ObjectMapper, byte[], int, int)} reads one. */
  static TokenIds tokenIds(JsonNode object) {
    Utf8Ids utf8 = new Utf8Ids();
    Map<String, JsonNode> bad = new LinkedHashMap<>();
    var fields = object.fields();
    while (fields.hasNext()) {
      var e = fields.next();
      JsonNode v = e.getValue();
      if (v.isIntegralNumber() && v.canConvertToInt() && v.asInt() >= 0) utf8.put(e.getKey(), v.asInt());
      else bad.put(e.getKey(), v);
    }
    return new TokenIds(utf8, bad, object);
  }

  /** The merges array at {@code doc[from, to)}; null when it holds what this reader leaves to Jackson. */
  private static Merges merges(ObjectMapper mapper, byte[] doc, int from, int to) throws IOException {
    JsonBytes j = new JsonBytes(doc, from, to);
    MergesBuilder out = new MergesBuilder();
    ArrayNode preview = JsonNodeFactory.instance.arrayNode();
    j.take('[');
    if (!j.take(']')) {
      do {
        j.peek();
        int start = j.pos;
        if (preview.size() < PREVIEW) {
          if (!j.skipValue()) return null;
          preview.add(mapper.readTree(Arrays.copyOfRange(doc, start, j.pos)));
          j.pos = start;
        }
        if (j.peek() == '"') {
          if (!j.string()) return null;
          out.string(j.text, j.length);
        } else if (j.peek() == '[') {
          if (!pair(j, out)) return null;
        } else {
          if (!j.skipValue()) return null;
          out.other();
        }
      } while (j.take(','));
      if (!j.take(']')) return null;
    }
    return j.peek() < 0 ? out.build(preview) : null;
  }

  /** An element that is an array: a pair when it holds exactly two strings. */
  private static boolean pair(JsonBytes j, MergesBuilder out) {
    j.take('[');
    int strings = 0;
    boolean others = false;
    int start = out.used;
    int leftEnd = start;
    if (!j.take(']')) {
      do {
        if (j.peek() == '"') {
          if (!j.string()) return false;
          if (strings < 2) out.append(j.text, j.length);
          if (strings == 0) leftEnd = out.used;
          strings++;
        } else {
          if (!j.skipValue()) return false;
          others = true;
        }
      } while (j.take(','));
      if (!j.take(']')) return false;
    }
    if (!others && strings == 2) {
      out.pairAppended(start, leftEnd);
    } else {
      out.used = start;
      out.other();
    }
    return true;
  }

  /** The tree form of a merges array, as {@link #merges(ObjectMapper, byte[], int, int)} reads one. */
  static Merges merges(JsonNode list) {
    MergesBuilder out = new MergesBuilder();
    for (JsonNode m : list) {
      boolean pair = m.isArray() && m.size() == 2 && m.get(0).isTextual() && m.get(1).isTextual();
      if (pair) {
        byte[] left = m.get(0).asText().getBytes(StandardCharsets.UTF_8);
        byte[] right = m.get(1).asText().getBytes(StandardCharsets.UTF_8);
        out.pair(left, right, right.length);
      } else if (m.isTextual()) {
        byte[] s = m.asText().getBytes(StandardCharsets.UTF_8);
        out.string(s, s.length);
      } else {
        out.other();
      }
    }
    return out.build(list);
  }

  /** Collects the elements of a merges array. */
  private static final class MergesBuilder {
    byte[] arena = new byte[1 << 16];
    int used;
    int[] leftStarts = new int[1024];
    int[] leftLengths = new int[1024];
    int[] rightStarts = new int[1024];
    int[] rightLengths = new int[1024];
    int size;
    boolean allPairs = true;
    boolean allStrings = true;

    /** Appends bytes to the arena: the parts of the element being read. */
    void append(byte[] bytes, int length) {
      if (used + length > arena.length) arena = Arrays.copyOf(arena, Math.max(arena.length * 2, used + length));
      System.arraycopy(bytes, 0, arena, used, length);
      used += length;
    }

    /** A string element. */
    void string(byte[] text, int length) {
      allPairs = false;
      int start = used;
      append(text, length);
      add(start, length, -1, 0);
    }

    /** A pair whose strings were {@linkplain #append appended} from {@code start} on, the first ending at {@code leftEnd}. */
    void pairAppended(int start, int leftEnd) {
      allStrings = false;
      add(start, leftEnd - start, leftEnd, used - leftEnd);
    }

    void pair(byte[] left, byte[] right, int rightLength) {
      int start = used;
      append(left, left.length);
      append(right, rightLength);
      pairAppended(start, start + left.length);
    }

    /** An element that is neither a string nor a pair. */
    void other() {
      allPairs = false;
      allStrings = false;
    }

    private void add(int leftStart, int leftLength, int rightStart, int rightLength) {
      if (size == leftStarts.length) {
        leftStarts = Arrays.copyOf(leftStarts, size * 2);
        leftLengths = Arrays.copyOf(leftLengths, size * 2);
        rightStarts = Arrays.copyOf(rightStarts, size * 2);
        rightLengths = Arrays.copyOf(rightLengths, size * 2);
      }
      leftStarts[size] = leftStart;
      leftLengths[size] = leftLength;
      rightStarts[size] = rightStart;
      rightLengths[size] = rightLength;
      size++;
    }

    Merges build(JsonNode preview) {
      return new Merges(arena, leftStarts, leftLengths, rightStarts, rightLengths, size, allPairs, allStrings, preview);
    }
  }

  /** The JSON start of a streamed field, for messages; the node itself for any other. */
  static JsonNode preview(JsonNode node) {
    if (node instanceof POJONode pojo && pojo.getPojo() instanceof TokenIds ids) return ids.preview();
    if (node instanceof POJONode pojo && pojo.getPojo() instanceof Merges merges) return merges.preview();
    return node;
  }

  /** The elements of a merges array as strings, for messages. */
  static String element(Merges m, int i) {
    String left = new String(m.arena(), m.leftStarts()[i], m.leftLengths()[i], StandardCharsets.UTF_8);
    return m.rightStarts()[i] < 0 ? left : left + " " + new String(m.arena(), m.rightStarts()[i], m.rightLengths()[i], StandardCharsets.UTF_8);
  }
}
