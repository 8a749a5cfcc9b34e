package dev.toksmith.core.corpus;

import static dev.toksmith.core.corpus.TestCorpora.gzip;
import static dev.toksmith.core.corpus.TestCorpora.tar;
import static dev.toksmith.core.corpus.TestCorpora.utf8;
import static dev.toksmith.core.corpus.TestCorpora.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.toksmith.api.CorpusStats;
import dev.toksmith.api.ReadProgress;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CorpusReader#wholeTexts}: a file, archive entry or stream is one document, newlines and all. */
class WholeTextsTest {
  @TempDir Path dir;

  @Test
  void eachFileAndArchiveEntryIsOneDocument() throws Exception {
    write(dir.resolve("a.txt"), "first line\nsecond line\r\nno final newline");
    write(dir.resolve("b.txt"), "");
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("x.txt", utf8("entry x\n\n"));
    entries.put("y.txt.gz", gzip(utf8("entry y\n")));
    write(dir.resolve("c.tar.gz"), gzip(tar(entries)));
    List<String> documents = new ArrayList<>();
    CorpusReader reader = CorpusReader.wholeTexts(null, documents::add, ReadProgress.NONE, -1);
    for (Path file : InputFiles.expand(dir)) reader.readFile(file);
    reader.readStream("<stdin>", new ByteArrayInputStream(new byte[] {'o', 'k', (byte) 0xFF, '\n'}));
    CorpusStats stats = reader.finish();
    assertEquals(List.of("first line\nsecond line\r\nno final newline", "", "entry x\n\n", "entry y\n", "ok\uFFFD\n"), documents);
    assertEquals(5, stats.documents());
    assertEquals(1, stats.invalidUtf8Sequences());
  }

  @Test
  void jsonLinesStayOneDocumentPerRecord() throws Exception {
    write(dir.resolve("a.jsonl"), "{\"text\":\"one\\n\"}\n\n{\"text\":\"two\"}\n");
    List<String> documents = new ArrayList<>();
    CorpusReader reader = CorpusReader.wholeTexts("text", documents::add, ReadProgress.NONE, -1);
    reader.readFile(dir.resolve("a.jsonl"));
    reader.finish();
    assertEquals(List.of("one\n", "two"), documents);
  }
}
