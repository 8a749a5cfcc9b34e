package dev.toksmith.cli;

import java.io.FileNotFoundException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** One-line descriptions of failures, for users rather than developers. */
final class Errors {
  private Errors() {}

  static String describe(Throwable e) {
    if (e instanceof NoSuchFileException n) return "no such file or directory: " + n.getFile();
    if (e instanceof AccessDeniedException a) return "permission denied: " + a.getFile();
    if (e instanceof FileAlreadyExistsException f) return "already exists: " + f.getFile();
    if (e instanceof NotDirectoryException n) return "not a directory: " + n.getFile();
    if (e instanceof FileNotFoundException f) return f.getMessage();
    if (e instanceof OutOfMemoryError) return "out of memory (raise the heap with JAVA_OPTS=-Xmx...)";
    String message = e.getMessage();
    if (message == null || message.isBlank()) return e.getClass().getSimpleName();
    return message.replace('\n', ' ');
  }
}
