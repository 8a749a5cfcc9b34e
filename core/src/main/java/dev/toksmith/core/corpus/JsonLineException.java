package dev.toksmith.core.corpus;

/**
 * A JSON line is not valid JSON, not an object, or lacks the wanted string field. The message is one
 * line without the file and line number, which the caller prefixes, for example {@code field "text"
 * is missing} or {@code invalid JSON: expected ',' or '}' at column 14}.
 */
public class JsonLineException extends Exception {

  /** Creates an exception with a one-line {@code message}. */
  public JsonLineException(String message) {
    super(message);
  }
}
