package dev.toksmith.vocab.hf;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.toksmith.core.text.Excerpt;
import dev.toksmith.vocab.TokenizerFormatException;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;

/**
 * A JSON object being read, with its path for error messages and a strict check that every field is
 * one this reader knows.
 */
final class JsonPath {
  private final JsonNode node;
  private final String path;

  JsonPath(JsonNode node, String path) {
    this.node = node;
    this.path = path;
  }

  String path() {
    return path;
  }

  JsonNode node() {
    return node;
  }

  static JsonPath object(JsonNode node, String path) throws TokenizerFormatException {
    if (node == null || !node.isObject()) throw error(path, "expected an object, found " + describe(node));
    return new JsonPath(node, path);
  }

  String child(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  /** Fails on the first field not in {@code known}. */
  void allowOnly(Set<String> known) throws TokenizerFormatException {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) throw error(child(Excerpt.of(name)), "unknown field (supported: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
    }
  }

  boolean has(String field) {
    return node.has(field) && !node.get(field).isNull();
  }

  JsonNode get(String field) {
    return node.get(field);
  }

  String string(String field) throws TokenizerFormatException {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) throw error(child(field), "expected a string, found " + describe(v));
    return v.asText();
  }

  String optionalString(String field) throws TokenizerFormatException {
    return has(field) ? string(field) : null;
  }

  boolean bool(String field, boolean absent) throws TokenizerFormatException {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) return absent;
    if (!v.isBoolean()) throw error(child(field), "expected true or false, found " + describe(v));
    return v.asBoolean();
  }

  /** A boolean the reference requires: absent or null is an error. */
  boolean requiredBool(String field) throws TokenizerFormatException {
    if (node.get(field) == null) throw error(child(field), "missing (expected true or false)");
    if (node.get(field).isNull()) throw error(child(field), "expected true or false, found null");
    return bool(field, false);
  }

  /** A boolean the reference defaults when absent but does not take as null. */
  boolean optionalBool(String field, boolean absent) throws TokenizerFormatException {
    if (node.get(field) != null && node.get(field).isNull()) throw error(child(field), "expected true or false, found null");
    return bool(field, absent);
  }

  /** A string of exactly one character (Rust's {@code char}), as a code point. */
  int character(String field) throws TokenizerFormatException {
    String s = string(field);
    if (s.isEmpty() || s.codePointCount(0, s.length()) != 1) throw error(child(field), "expected one character, found " + quote(s));
    return s.codePointAt(0);
  }

  /** A non-negative count (Rust's {@code usize}); toksmith keeps it in an int. */
  int count(String field) throws TokenizerFormatException {
    JsonNode v = node.get(field);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0) {
      throw error(child(field), "expected a count from 0 to " + Integer.MAX_VALUE + ", found " + describe(v));
    }
    return v.asInt();
  }

  int integer(String field) throws TokenizerFormatException {
    JsonNode v = node.get(field);
    if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) throw error(child(field), "expected an integer, found " + describe(v));
    return v.asInt();
  }

  JsonNode array(String field) throws TokenizerFormatException {
    JsonNode v = node.get(field);
    if (v == null || !v.isArray()) throw error(child(field), "expected an array, found " + describe(v));
    return v;
  }

  static TokenizerFormatException unsupported(JsonPath o, String kind, String type) {
    return error(o.child("type"), kind + " type " + Excerpt.of(type) + " is not supported");
  }

  /** Input text quoted in a message: cut to about 100 characters, control characters escaped. */
  static String quote(String s) {
    return Excerpt.quote(s);
  }

  static void writeNullableString(JsonGenerator g, String field, String value) throws IOException {
    if (value == null) g.writeNullField(field);
    else g.writeStringField(field, value);
  }

  /** A string as a JSON literal, for values written raw. */
  static String jsonString(String s) throws IOException {
    java.io.StringWriter w = new java.io.StringWriter();
    try (JsonGenerator g = new com.fasterxml.jackson.core.JsonFactory().createGenerator(w)) {
      g.writeString(s);
    }
    return w.toString();
  }

  static TokenizerFormatException error(String path, String message) {
    return new TokenizerFormatException((path.isEmpty() ? "" : path + ": ") + message);
  }

  /** A value found where another was expected, for messages: short, whatever its size. */
  static String describe(JsonNode v) {
    if (v == null || v.isMissingNode()) return "nothing";
    if (v.isNull()) return "null";
    if (v.isTextual()) return quote(v.asText());
    if (v.isObject()) return v.isEmpty() ? "{}" : "an object";
    if (v.isArray()) return v.isEmpty() ? "[]" : "an array of " + v.size();
    return Excerpt.of(v.toString());
  }
}
