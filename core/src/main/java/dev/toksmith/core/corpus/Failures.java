package dev.toksmith.core.corpus;

import dev.toksmith.api.CorpusException;
import java.io.EOFException;
import java.io.IOException;

/** Builds the one-line messages of {@link CorpusException}s from library failures. */
final class Failures {

  /** A step that may fail, such as reading from a decompressor. */
  @FunctionalInterface
  interface IoCall<T> {
    T call() throws IOException;
  }

  private Failures() {}

  /**
   * Runs {@code call}, turning its failure into "NAME: corrupt DESCRIPTION (detail)". Runtime
   * exceptions count too: decompressors throw some on corrupt data. So does a missing class: a
   * compression method whose library is not on the class path. A {@link CorpusException}, which
   * already names its input, passes unchanged.
   */
  static <T> T guard(String name, String description, IoCall<T> call) throws IOException {
    try {
      return call.call();
    } catch (CorpusException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new CorpusException(name + ": corrupt " + description + " (" + detail(e) + ")", e);
    } catch (NoClassDefFoundError e) {
      // A compression method whose library toksmith does not carry, such as Zstandard inside a zip.
      throw new CorpusException(name + ": cannot read this " + description + ": it needs " + e.getMessage().replace('/', '.')
          + ", from a library toksmith does not include", e);
    }
  }

  /** The failure's message on one line, or what kind of failure it was when it has no message. */
  static String detail(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e instanceof EOFException ? "unexpected end of data" : e.getClass().getSimpleName();
    }
    return message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }
}
