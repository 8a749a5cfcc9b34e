package dev.toksmith.cli;

import dev.toksmith.Utf8Text;
import java.io.FileNotFoundException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** One-line descriptions of failures, for users rather than developers. */
final class Errors {
  /**
   * The longest error line written, in characters: messages quote at most about 100
   * characters of input ({@link Utf8Text#excerpt(byte[], int, int)}), and this bounds anything else (a library's message, a path).
   */
  static final int MAX_LENGTH = 400;

  private Errors() {}

  static String describe(Throwable e) {
    return bounded(text(e));
  }

  /** {@code message} on one line: control characters escaped, cut at {@link #MAX_LENGTH}. */
  static String bounded(String message) {
    return Utf8Text.excerpt(message == null ? "" : message, MAX_LENGTH);
  }

  private static String text(Throwable e) {
    if (e instanceof NoSuchFileException n) return "no such file or directory: " + n.getFile();
    if (e instanceof AccessDeniedException a) return "permission denied: " + a.getFile();
    if (e instanceof FileAlreadyExistsException f) return "already exists: " + f.getFile();
    if (e instanceof NotDirectoryException n) return "not a directory: " + n.getFile();
    if (e instanceof FileNotFoundException f) return f.getMessage();
    if (e instanceof OutOfMemoryError) return "out of memory (raise the heap with JAVA_OPTS=-Xmx...)";
    String message = e.getMessage();
    if (message == null || message.isBlank()) return e.getClass().getSimpleName();
    return message;
  }
}
