package dev.toksmith.vocab.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.toksmith.WordPooledTokenizers;
import dev.toksmith.api.WordPooledBatch;
import dev.toksmith.api.WordPooledTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Byte-exact against the batch NumPy wrote (word-pooled/make-fixture.py in the test resources). */
class WordPooledArraysTest {
  private static final List<String> TEXTS = List.of("ab cde,", "x");
  private static final WordPooledTokenizer TOKENIZER = WordPooledTokenizers.bytes(3, 1);
  private static final List<String> FILES = List.of(WordPooledArrays.IDS, WordPooledArrays.LENGTHS, WordPooledArrays.CONTINUATION, WordPooledArrays.MASK);

  @TempDir Path dir;

  private static byte[] fixture(String name) throws IOException {
    try (InputStream in = WordPooledArraysTest.class.getResourceAsStream("/npy/word-pooled/batch/" + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void writtenFilesAreByteExactWithNumpys() throws IOException {
    Path out = dir.resolve("batch");
    WordPooledArrays.write(TOKENIZER.encodeBatch(TEXTS), out);
    for (String name : FILES) assertArrayEquals(fixture(name), Files.readAllBytes(out.resolve(name)), name);
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of(out), left.toList(), "no temporary directory left behind");
    }
  }

  @Test
  void numpysFilesReadBackToTheBatchAndTheTexts() throws IOException {
    Path copy = Files.createDirectory(dir.resolve("numpy"));
    for (String name : FILES) Files.write(copy.resolve(name), fixture(name));
    WordPooledBatch read = WordPooledArrays.read(copy);
    WordPooledBatch expected = TOKENIZER.encodeBatch(TEXTS);
    assertEquals(2, read.texts());
    assertEquals(4, read.words());
    assertEquals(4, read.width());
    assertArrayEquals(expected.ids(), read.ids());
    assertArrayEquals(expected.lengths(), read.lengths());
    assertArrayEquals(expected.continuation(), read.continuation());
    assertArrayEquals(expected.mask(), read.mask());
    assertEquals(TEXTS, TOKENIZER.decodeBatch(read));
  }

  @Test
  void anExistingDirectoryIsNeverOverwritten() throws IOException {
    Path out = Files.createDirectory(dir.resolve("taken"));
    assertThrows(FileAlreadyExistsException.class, () -> WordPooledArrays.write(TOKENIZER.encodeBatch(TEXTS), out));
    try (Stream<Path> inside = Files.list(out)) {
      assertEquals(0, inside.count());
    }
  }

  @Test
  void aMissingParentDirectoryIsAnErrorAndNoneIsCreated() {
    Path out = dir.resolve("missing/arrays");
    assertThrows(java.nio.file.NoSuchFileException.class, () -> WordPooledArrays.write(TOKENIZER.encodeBatch(TEXTS), out));
    assertFalse(Files.exists(out.getParent()));
  }

  @Test
  void shapesThatDisagreeAreAnError() throws IOException {
    Path copy = Files.createDirectory(dir.resolve("bad"));
    for (String name : FILES) Files.write(copy.resolve(name), fixture(name));
    try (var out = Files.newOutputStream(copy.resolve(WordPooledArrays.MASK))) {
      Npy.writeInt32(out, new int[] {2, 3}, new int[6]);
    }
    IOException e = assertThrows(IOException.class, () -> WordPooledArrays.read(copy));
    assertEquals(true, e.getMessage().contains("mask.npy"), e.getMessage());
  }
}
