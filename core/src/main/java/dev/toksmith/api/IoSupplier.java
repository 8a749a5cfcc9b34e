package dev.toksmith.api;

import java.io.IOException;

/**
 * Supplies a value, possibly failing with an {@link IOException}; typically opens a stream, as in
 * {@code Corpus.Source("a.txt", () -> Files.newInputStream(path))}.
 *
 * @param <T> what it supplies
 *
 * <pre>{@code
 * IoSupplier<InputStream> open = () -> Files.newInputStream(Path.of("a.txt"));
 * try (InputStream in = open.get()) {
 *   // ...
 * }
 * }</pre>
 */
@FunctionalInterface
public interface IoSupplier<T> {

  /** Returns the value, for example a freshly opened stream that the caller will close. */
  T get() throws IOException;
}
