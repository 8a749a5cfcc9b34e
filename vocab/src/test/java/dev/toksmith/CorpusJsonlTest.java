package dev.toksmith;

import static dev.toksmith.core.corpus.TestCorpora.documents;
import static dev.toksmith.core.corpus.TestCorpora.gzip;
import static dev.toksmith.core.corpus.TestCorpora.tar;
import static dev.toksmith.core.corpus.TestCorpora.utf8;
import static dev.toksmith.core.corpus.TestCorpora.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.toksmith.api.CorpusException;
import dev.toksmith.api.CorpusStats;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSON lines input: one document per non-blank line, the string value of one field. */
class CorpusJsonlTest {
  @TempDir Path dir;

  @Test
  void documentsAreFieldValuesWithoutLineEnds() throws IOException {
    Path file = write(dir.resolve("a.jsonl"), "{\"text\":\"first\",\"id\":1}\n"
        + "\n   \r\n"
        + "{\"meta\":{\"text\":\"nested\"},\"text\":\"two\\nlines\\r\\n\"}\r\n"
        + "{\"text\":\"\\uD83D\\uDE00 \\u00e9 \\\"q\\\" \\\\ \\t\"}\n"
        + "{\"text\":\"\\ud800 lone\"}\n"
        + "{\"text\":\"\"}");
    assertEquals(List.of("first", "two\nlines\r\n", "😀 é \"q\" \\ \t", "\uD800 lone", ""), jsonl(file.toString()));
  }

  @Test
  void invalidUtf8InsideALineIsReplacedAndCounted() throws IOException {
    byte[] line = {'{', '"', 't', '"', ':', '"', 'a', (byte) 0xFF, 'b', '"', '}', '\n'};
    Path file = write(dir.resolve("bad.jsonl"), line);
    List<String> documents = new ArrayList<>();
    CorpusStats stats = Corpus.of(file.toString()).withJsonlField("t").read(documents::add, (done, total) -> {});
    assertEquals(List.of("a\uFFFDb"), documents);
    assertEquals(new CorpusStats(1, line.length, 1), stats);
  }

  @Test
  void compressedAndArchivedJsonlWork() throws IOException {
    Path gz = write(dir.resolve("a.jsonl.gz"), gzip(utf8("{\"text\":\"zipped\"}\n")));
    Path tgz = write(dir.resolve("b.tgz"), gzip(tar(Map.of("part-0.jsonl", utf8("{\"text\":\"in tar\"}")))));
    assertEquals(List.of("zipped", "in tar"), jsonl(gz.toString(), tgz.toString()));
  }

  @Test
  void errorsNameFileAndLine() throws IOException {
    assertEquals("a.jsonl:3: field \"text\" is missing", error("{\"text\":\"ok\"}\n\n{\"body\":\"x\"}\n"));
    assertEquals("a.jsonl:1: field \"text\" is not a string (found a number)", error("{\"text\":17}"));
    assertEquals("a.jsonl:2: expected a JSON object, found an array", error("{\"text\":\"ok\"}\n[\"text\"]\n"));
    assertEquals("a.jsonl:1: invalid JSON: expected ',' or '}' but found the end of the line at column 14",
        error("{\"text\":\"ok\"\n"));
    assertEquals("a.jsonl:1: invalid JSON: expected a value but found a byte order mark (U+FEFF) at column 1",
        error("\uFEFF{\"text\":\"ok\"}\n"));
  }

  @Test
  void errorsInsideArchivesAndStandardInputNameThem() throws IOException {
    Path tgz = write(dir.resolve("c.tar.gz"), gzip(tar(Map.of("inner/d.jsonl", utf8("{\"text\":\"ok\"}\n{}\n")))));
    CorpusException inArchive = assertThrows(CorpusException.class, () -> jsonl(tgz.toString()));
    assertEquals(tgz + "!inner/d.jsonl:2: field \"text\" is missing", inArchive.getMessage());
    Corpus stdin = Corpus.of("-").withJsonlField("text").withStdin(new ByteArrayInputStream(utf8("nope\n")));
    CorpusException fromStdin = assertThrows(CorpusException.class, () -> documents(stdin));
    assertEquals("<stdin>:1: invalid JSON: unknown literal 'nope' at column 1", fromStdin.getMessage());
  }

  private List<String> jsonl(String... inputs) throws IOException {
    return documents(Corpus.of(inputs).withJsonlField("text"));
  }

  /** The message of reading {@code content} as a.jsonl, without the temporary directory. */
  private String error(String content) throws IOException {
    Path file = write(dir.resolve("a.jsonl"), content);
    return assertThrows(CorpusException.class, () -> jsonl(file.toString())).getMessage().replace(dir + File.separator, "");
  }
}
