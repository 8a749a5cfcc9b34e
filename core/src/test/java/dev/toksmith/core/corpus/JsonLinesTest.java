package dev.toksmith.core.corpus;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonLinesTest {

  @Test
  void readsTheStringField() throws JsonLineException {
    assertEquals("hello", JsonLines.stringField("{\"text\":\"hello\"}", "text"));
    assertEquals("hi", JsonLines.stringField("  { \"id\" : 1 , \"text\" : \"hi\" }  \r\n", "text"));
    assertEquals("", JsonLines.stringField("{\"text\":\"\"}", "text"));
  }

  @Test
  void decodesEveryEscape() throws JsonLineException {
    String line = "{\"text\":\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u0041\\u00e9\\u20AC \\u0000\"}";
    assertEquals("q\" b\\ s/ \b\f\n\r\t Aé€ \u0000", JsonLines.stringField(line, "text"));
  }

  @Test
  void surrogatePairEscapesMakeOneCodePointAndLoneOnesStayLone() throws JsonLineException {
    String emoji = JsonLines.stringField("{\"text\":\"\\uD83D\\uDE00\"}", "text");
    assertEquals("😀", emoji);
    assertEquals(0x1F600, emoji.codePointAt(0));
    assertEquals("\uD800", JsonLines.stringField("{\"text\":\"\\uD800\"}", "text"));
    assertEquals("a\uDC00b", JsonLines.stringField("{\"text\":\"a\\udc00b\"}", "text"));
    assertEquals("raw 😀 text", JsonLines.stringField("{\"text\":\"raw 😀 text\"}", "text"));
  }

  @Test
  void skipsValuesOfEveryKindAndNesting() throws JsonLineException {
    String line = "{\"a\":{\"b\":[1,-2.5e+3,0.0,1E-7,true,false,null,\"s\\\"}\",{},[],[[{\"c\":[]}]]]},"
        + "\"text\":\"found\",\"z\":[{\"text\":\"nested, not top-level\"}]}";
    assertEquals("found", JsonLines.stringField(line, "text"));
  }

  @Test
  void deepNestingNeedsNoDeepCallStack() throws JsonLineException {
    String deep = "[".repeat(200_000) + "]".repeat(200_000);
    assertEquals("x", JsonLines.stringField("{\"deep\":" + deep + ",\"text\":\"x\"}", "text"));
  }

  @Test
  void escapedMemberNamesMatch() throws JsonLineException {
    assertEquals("v", JsonLines.stringField("{\"te\\u0078t\":\"v\"}", "text"));
    assertEquals("v", JsonLines.stringField("{\"t\\\"x\":\"v\"}", "t\"x"));
  }

  /** Readers disagree on which of two occurrences counts (the last in JavaScript and Python, the first in others): an error. */
  @Test
  void theFieldGivenTwiceIsAnError() {
    assertEquals("field \"text\" is given twice (columns 2 and 11)", message("{\"text\":1,\"text\":\"second\"}"));
    assertEquals("field \"text\" is given twice (columns 2 and 17)", message("{\"text\":\"first\",\"te\\u0078t\":null}"));
    // Other members may repeat: only the field read is ambiguous.
    assertEquals("x", assertDoesNotThrow(() -> JsonLines.stringField("{\"a\":1,\"a\":2,\"text\":\"x\"}", "text")));
  }

  @Test
  void missingFieldAndWrongTypesSayWhat() {
    assertEquals("field \"text\" is missing", message("{\"body\":\"x\"}"));
    assertEquals("field \"text\" is missing", message("{}"));
    assertEquals("field \"text\" is not a string (found a number)", message("{\"text\":12}"));
    assertEquals("field \"text\" is not a string (found an array)", message("{\"text\":[\"a\"]}"));
    assertEquals("field \"text\" is not a string (found an object)", message("{\"text\":{}}"));
    assertEquals("field \"text\" is not a string (found a boolean)", message("{\"text\":true}"));
  }

  @Test
  void otherTopLevelValuesAreNotObjects() {
    assertEquals("expected a JSON object, found an array", message("[1, 2]"));
    assertEquals("expected a JSON object, found a string", message("\"text\""));
    assertEquals("expected a JSON object, found a number", message("42\n"));
    assertEquals("expected a JSON object, found null", message("null"));
  }

  @Test
  void invalidJsonSaysWhereAndWhat() {
    assertEquals("invalid JSON: expected ',' or '}' but found '\"' at column 13", message("{\"text\":\"a\" \"b\":1}"));
    assertEquals("invalid JSON: expected the end of the line but found '{' at column 14", message("{\"text\":\"a\"} {}"));
    assertEquals("invalid JSON: string not closed before the end of the line", message("{\"text\":\"abc"));
    assertEquals("invalid JSON: expected ',' or '}' but found the end of the line at column 12", message("{\"text\":\"a\""));
    assertEquals("invalid JSON: invalid escape \\x at column 10", message("{\"text\":\"\\x\"}"));
    assertEquals("invalid JSON: \\u must be followed by four hex digits at column 14", message("{\"text\":\"\\u12G4\"}"));
    assertEquals("invalid JSON: unescaped control character U+0009 in a string at column 10", message("{\"text\":\"\t\"}"));
    assertEquals("invalid JSON: expected a member name in double quotes but found ''' at column 2", message("{'text':'a'}"));
    assertEquals("invalid JSON: expected a value but found a byte order mark (U+FEFF) at column 1", message("\uFEFF{}"));
    assertEquals("invalid JSON: the line is empty", message(""));
    assertEquals("invalid JSON: expected a value but found 'T' at column 9", message("{\"text\":True}"));
    assertEquals("invalid JSON: unknown literal 'ture' at column 9", message("{\"text\":ture}"));
    assertEquals("invalid JSON: unknown literal 'nul' at column 9", message("{\"text\":nul}"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "{\"a\":01,\"text\":\"x\"}", "{\"a\":1.,\"text\":\"x\"}", "{\"a\":.5,\"text\":\"x\"}", "{\"a\":-,\"text\":\"x\"}",
    "{\"a\":1e,\"text\":\"x\"}", "{\"a\":+1,\"text\":\"x\"}", "{\"a\":NaN,\"text\":\"x\"}", "{\"a\":Infinity,\"text\":\"x\"}",
    "{\"a\":tru,\"text\":\"x\"}", "{\"a\":nul,\"text\":\"x\"}", "{\"a\":[1,],\"text\":\"x\"}", "{\"a\":[1 2],\"text\":\"x\"}",
    "{\"a\":{\"b\"},\"text\":\"x\"}", "{\"a\":{\"b\":1,},\"text\":\"x\"}", "{\"text\":\"x\",}", "{\"text\":\"x\"",
    "{\"text\" \"x\"}", "{\"a\":[,\"text\":\"x\"}", "{\"a\":\"\\u00\"}", "{\"a\":1}x", "{\"text\":\"x\"}}",
    "{\"a\":[\"\\q\"],\"text\":\"x\"}", "{\"a\":\"\u0001\",\"text\":\"x\"}", "{/*c*/\"text\":\"x\"}", "{\"a\":[}",
    "{\"a\":{\"b\":]},\"text\":\"x\"}", "[", "{", "tru", "-", "\"unterminated"
  })
  void rejectsWhatRfc8259Rejects(String line) {
    String message = message(line);
    assertTrue(message.startsWith("invalid JSON: "), message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-0", "1.5", "-1.25e10", "2E+2", "3e-0", "123456789012345678901234567890", "\"\"", "[]", "{}",
      "[[],[{}]]", "true", "false", "null", "{\"\":{\"\":[]}}"})
  void acceptsEveryKindOfValue(String value) throws JsonLineException {
    assertEquals("ok", JsonLines.stringField("{\"v\":" + value + ",\"text\":\"ok\"}", "text"));
    assertEquals("ok", JsonLines.stringField("{\"v\":[" + value + " , " + value + "],\"text\":\"ok\"}", "text"));
  }

  @Test
  void blankMeansJsonWhitespaceOnly() {
    assertTrue(JsonLines.isBlank(""));
    assertTrue(JsonLines.isBlank(" \t\r\n"));
    assertFalse(JsonLines.isBlank("\u00A0"));
    assertFalse(JsonLines.isBlank(" {}"));
  }

  private static String message(String line) {
    return assertThrows(JsonLineException.class, () -> JsonLines.stringField(line, "text")).getMessage();
  }
}
