package dev.toksmith.vocab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where {@link AtomicFile} writes ({@link OutputPath}) and what it leaves when it does not commit. */
class AtomicFileTest {
  @TempDir Path dir;

  @Test
  void aChainOfRelativeLinksIsWrittenThroughToTheFileAtItsEnd() throws IOException {
    Path real = Files.writeString(Files.createDirectories(dir.resolve("sub")).resolve("real.json"), "old");
    Path second = Files.createSymbolicLink(dir.resolve("sub/second"), Path.of("real.json"));
    Path first = Files.createSymbolicLink(dir.resolve("first"), Path.of("sub/second"));

    AtomicFile.write(first, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));

    assertEquals("new", Files.readString(real));
    assertTrue(Files.isSymbolicLink(first) && Files.isSymbolicLink(second), "the links stay links");
    assertEquals(List.of(), temporaryFiles());
  }

  @Test
  void aDanglingLinkCreatesTheFileItLeadsTo() throws IOException {
    Files.createDirectories(dir.resolve("made"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), Path.of("made/new.json"));

    AtomicFile.write(link, out -> out.write('x'));

    assertEquals("x", Files.readString(dir.resolve("made/new.json")));
    assertTrue(Files.isSymbolicLink(link));
  }

  @Test
  void aMissingDirectoryIsAnErrorAndNoneIsCreated() throws IOException {
    Path file = dir.resolve("missing/deeper/out.json");
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> AtomicFile.write(file, out -> out.write('x')));
    assertEquals(file.getParent() + " (the directory to write " + file + " in)", e.getMessage());
    assertFalse(Files.exists(dir.resolve("missing")));

    Path throughLink = Files.createSymbolicLink(dir.resolve("to-missing"), Path.of("gone/out.json"));
    assertThrows(NoSuchFileException.class, () -> AtomicFile.write(throughLink, out -> out.write('x')));
    assertFalse(Files.exists(dir.resolve("gone")));
  }

  @Test
  void aDirectoryOrALoopOfLinksIsRefused() throws IOException {
    FileSystemException directory = assertThrows(FileSystemException.class, () -> AtomicFile.write(dir, out -> out.write('x')));
    assertEquals(dir + ": a directory, not a file to write", directory.getMessage());

    Path a = dir.resolve("a");
    Files.createSymbolicLink(a, Path.of("b"));
    Files.createSymbolicLink(dir.resolve("b"), Path.of("a"));
    FileSystemException loop = assertThrows(FileSystemException.class, () -> AtomicFile.write(a, out -> out.write('x')));
    assertEquals(a + ": too many levels of symbolic links", loop.getMessage());
  }

  @Test
  void closingWithoutCommittingLeavesTheTargetAsItWasAndNoTemporaryFile() throws IOException {
    Path target = Files.writeString(dir.resolve("kept.json"), "before");
    try (AtomicFile file = new AtomicFile(target)) {
      file.stream().write(new byte[1 << 17]);
      assertEquals(1, temporaryFiles().size(), "written beside the target");
    }
    assertEquals("before", Files.readString(target));
    assertEquals(List.of(), temporaryFiles());

    assertThrows(IOException.class, () -> AtomicFile.write(target, out -> {
      out.write("half".getBytes(StandardCharsets.UTF_8));
      throw new IOException("failed midway");
    }));
    assertEquals("before", Files.readString(target));
    assertEquals(List.of(), temporaryFiles());
  }

  private List<Path> temporaryFiles() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
    }
  }
}
