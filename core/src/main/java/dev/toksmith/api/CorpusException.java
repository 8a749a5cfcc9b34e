package dev.toksmith.api;

import java.io.IOException;

/**
 * A corpus input is missing, unreadable, corrupt or malformed. The message is one line that names the
 * input, and the line where it applies, for example {@code corpus/a.jsonl:17: field "text" is missing}
 * or {@code no such file or directory: corpus/x.txt}; it never holds a stack trace. The underlying
 * exception, if any, is the {@linkplain #getCause() cause}.
 *
 * <pre>{@code
 * try {
 *   corpus.read(sink, ReadProgress.NONE);
 * } catch (CorpusException e) {
 *   System.err.println("toksmith: " + e.getMessage());   // corpus/a.jsonl:17: field "text" is missing
 * }
 * }</pre>
 */
public class CorpusException extends IOException {

  /** Creates an exception with a one-line {@code message}. */
  public CorpusException(String message) {
    super(message);
  }

  /** Creates an exception with a one-line {@code message} and the failure that led to it. */
  public CorpusException(String message, Throwable cause) {
    super(message, cause);
  }
}
