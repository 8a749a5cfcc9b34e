package dev.toksmith.vocab.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Every temporary output in flight: the hidden sibling a file or directory is written to before it is
 * renamed over its target. A shutdown hook removes those still here when the JVM stops early (SIGINT,
 * SIGTERM, {@code System.exit}), so an interrupted run leaves no temporary file behind.
 *
 * <p>Creating, renaming and removing hold one lock that the hook takes too: once it has started, no
 * temporary output is created or renamed any more, so it never races with one. A rename that finished
 * before it leaves the complete target; one that did not leaves the target as it was.
 *
 * <pre>{@code
 * Path tmp = TemporaryOutputs.createDirectory(Path.of("arrays"));
 * // ... fill tmp ...
 * TemporaryOutputs.commit(tmp, Path.of("arrays"));
 * }</pre>
 */
public final class TemporaryOutputs {
  private static final Object LOCK = new Object();
  private static final Set<Path> IN_FLIGHT = new LinkedHashSet<>();
  private static boolean stopping;
  private static boolean hooked;

  private TemporaryOutputs() {}

  /**
   * Creates an empty temporary file beside {@code target}, named {@code .NAME.RANDOM.tmp}, and
   * registers it. Its directory must exist.
   */
  public static Path createFile(Path target) throws IOException {
    return create(target, false);
  }

  /** Creates an empty temporary directory beside {@code target} and registers it. */
  public static Path createDirectory(Path target) throws IOException {
    return create(target, true);
  }

  private static Path create(Path target, boolean directory) throws IOException {
    Path absolute = target.toAbsolutePath();
    synchronized (LOCK) {
      checkRunning();
      hook();
      while (true) {
        // Not Files.createTempFile: its owner-only permissions would stay on the renamed file.
        Path tmp = absolute.resolveSibling("." + absolute.getFileName() + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
        try {
          if (directory) Files.createDirectory(tmp);
          else Files.createFile(tmp);
        } catch (FileAlreadyExistsException e) {
          continue;
        }
        IN_FLIGHT.add(tmp);
        return tmp;
      }
    }
  }

  /**
   * Renames the temporary output {@code tmp} over {@code target} (atomically where the file system
   * can) and forgets it.
   *
   * @throws IOException if the JVM is stopping (the hook removes {@code tmp}) or the rename fails
   */
  public static void commit(Path tmp, Path target) throws IOException {
    synchronized (LOCK) {
      checkRunning();
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      IN_FLIGHT.remove(tmp);
    }
  }

  /** Removes the temporary output {@code tmp} (a directory with its files) if it is still there, and forgets it. */
  public static void discard(Path tmp) throws IOException {
    synchronized (LOCK) {
      delete(tmp);
      IN_FLIGHT.remove(tmp);
    }
  }

  /** The temporary outputs in flight, for tests. */
  static List<Path> inFlight() {
    synchronized (LOCK) {
      return List.copyOf(IN_FLIGHT);
    }
  }

  private static void checkRunning() throws IOException {
    if (stopping) throw new IOException("stopping: no more output is written");
  }

  private static void hook() {
    if (hooked) return;
    Runtime.getRuntime().addShutdownHook(new Thread(TemporaryOutputs::removeAll, "toksmith-temporary-outputs"));
    hooked = true;
  }

  /** The shutdown hook: removes what is in flight and lets nothing new start. */
  private static void removeAll() {
    List<Path> left;
    synchronized (LOCK) {
      stopping = true;
      left = new ArrayList<>(IN_FLIGHT);
      IN_FLIGHT.clear();
      for (Path tmp : left) {
        try {
          delete(tmp);
        } catch (IOException | UncheckedIOException e) {
          // Nothing is left to report to while the JVM stops; try the others.
        }
      }
    }
  }

  private static void delete(Path path) throws IOException {
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
        for (Path entry : entries) delete(entry);
      }
    }
    Files.deleteIfExists(path);
  }
}
