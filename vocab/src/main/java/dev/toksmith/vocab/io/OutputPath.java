package dev.toksmith.vocab.io;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where a write to a path lands. A symbolic link is written through: the file it leads to is the
 * target, so the temporary file goes beside that file and is renamed over it, and the link stays a
 * link. A special file that exists, such as a FIFO or a device ({@code /dev/stdout}), is the target
 * itself, written directly: it cannot be replaced by a rename. The directory a new file goes in must
 * exist; it is never created.
 *
 * <pre>{@code
 * OutputPath where = OutputPath.of(Path.of("link-to-out.txt"));   // the file the link leads to
 * }</pre>
 *
 * @param target the file to write: a regular file's real path (links resolved), or the special file
 * @param special whether the target is written directly, without a temporary file
 */
public record OutputPath(Path target, boolean special) {
  /** As Linux's limit on a chain of links (ELOOP). */
  private static final int MAX_LINKS = 40;

  /**
   * Resolves {@code file}.
   *
   * @throws NoSuchFileException if the directory the file would go in does not exist
   * @throws FileSystemException if {@code file} is a directory, or its links loop
   */
  public static OutputPath of(Path file) throws IOException {
    if (Files.isDirectory(file)) throw new FileSystemException(file.toString(), null, "a directory, not a file to write");
    if (Files.exists(file)) return Files.isRegularFile(file) ? new OutputPath(file.toRealPath(), false) : new OutputPath(file, true);
    Path target = file.toAbsolutePath();
    for (int links = 0; Files.isSymbolicLink(target); links++) {
      if (links == MAX_LINKS) throw new FileSystemException(file.toString(), null, "too many levels of symbolic links");
      target = target.resolveSibling(Files.readSymbolicLink(target));
    }
    Path dir = target.getParent();
    if (dir == null || !Files.isDirectory(dir)) throw new NoSuchFileException(dir + " (the directory to write " + file + " in)");
    return new OutputPath(target, false);
  }
}
