package dev.toksmith.core.corpus;

import dev.toksmith.api.CorpusException;
import dev.toksmith.core.text.Utf8;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;

/**
 * Turns an input path into the files to read: a file stands for itself, a directory for the regular
 * files below it, recursively.
 *
 * <p>Directory contents are sorted by their whole path string in code point order, which is the byte
 * order of its UTF-8 form (so {@code d/a-b.txt} comes before {@code d/a/x.txt}, as {@code '-' < '/'}).
 * Files and directories whose names start with {@code "."} are skipped below the given directory;
 * a hidden path given explicitly is read. Symbolic links are followed; things that are neither
 * regular files nor directories (sockets, pipes) are skipped inside directories, but a pipe given
 * explicitly, such as {@code /dev/stdin}, is read.
 */
public final class InputFiles {
  private InputFiles() {}

  /**
   * The files {@code input} stands for, in reading order.
   *
   * @throws CorpusException if {@code input} does not exist or a directory cannot be listed
   */
  public static List<Path> expand(Path input) throws CorpusException {
    if (!Files.exists(input)) throw new CorpusException("no such file or directory: " + input);
    if (!Files.isDirectory(input)) return List.of(input);
    List<Path> files = new ArrayList<>();
    try {
      Files.walkFileTree(input, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
          return !dir.equals(input) && isHidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
          if (attributes.isRegularFile() && !isHidden(file)) files.add(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
          // A hidden directory that cannot be opened would have been skipped anyway. (Dangling
          // links do not get here: they are visited with the link's own attributes.)
          if (isHidden(file)) return FileVisitResult.CONTINUE;
          throw e;
        }
      });
    } catch (FileSystemLoopException e) {
      throw new CorpusException("symbolic link loop: " + e.getFile(), e);
    } catch (AccessDeniedException e) {
      throw new CorpusException("permission denied: " + e.getFile(), e);
    } catch (IOException e) {
      throw new CorpusException("cannot list " + input + " (" + Failures.detail(e) + ")", e);
    }
    files.sort(Comparator.comparing(Path::toString, Utf8.CODE_POINT_ORDER));
    return files;
  }

  /**
   * Opens a file for reading, as {@link Files#newInputStream} does, except that pipes work too: a FIFO
   * or the {@code /dev/fd/N} of a process substitution ({@code train <(zcat x.gz)}). The JDK's file
   * stream answers {@code available()} by asking for its position, which a pipe does not have
   * ("Illegal seek"), and buffered readers ask; here a pipe says 0 bytes are ready.
   */
  public static InputStream open(Path file) throws IOException {
    return new FilterInputStream(Files.newInputStream(file)) {
      @Override
      public int available() {
        try {
          return in.available();
        } catch (IOException e) {
          return 0;
        }
      }
    };
  }

  /** The size of {@code input}'s files on disk, or -1 if it is missing or not all are regular files. */
  public static long sizeOf(Path input) {
    long total = 0;
    try {
      for (Path file : expand(input)) {
        if (!Files.isRegularFile(file)) return -1;
        total += Files.size(file);
      }
    } catch (IOException e) {
      return -1; // reading will report why
    }
    return total;
  }

  private static boolean isHidden(Path path) {
    Path name = path.getFileName();
    return name != null && name.toString().startsWith(".");
  }
}
