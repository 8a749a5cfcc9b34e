package dev.toksmith;

import static dev.toksmith.core.corpus.TestCorpora.gzip;
import static dev.toksmith.core.corpus.TestCorpora.tar;
import static dev.toksmith.core.corpus.TestCorpora.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.api.CorpusStats;
import dev.toksmith.api.ReadProgress;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Corpus.reader and the stream helpers give what Corpus.read gives for the same bytes. */
class CorpusReaderTest {
  private static final String TEXT = "one\ntwo\r\n{\"text\": \"three\"}\n";

  @Test
  void aReaderMakesTheDocumentsThatReadMakesOfTheSameStreams() throws IOException {
    byte[] packed = gzip(utf8(TEXT));
    Corpus sources = Corpus.ofSources(List.of(new Corpus.Source("a.gz", () -> new ByteArrayInputStream(packed))));
    for (boolean whole : new boolean[] {false, true}) {
      List<String> expected = new ArrayList<>();
      CorpusStats expectedStats = (whole ? sources.withWholeTexts() : sources).read(expected::add, ReadProgress.NONE);
      List<String> documents = new ArrayList<>();
      Corpus.Reader reader = (whole ? Corpus.of().withWholeTexts() : Corpus.of()).reader(documents::add, ReadProgress.NONE);
      reader.read("a.gz", () -> new ByteArrayInputStream(packed));
      assertEquals(whole ? 1 : 3, documents.size());
      assertEquals(expected, documents);
      assertEquals(expectedStats, reader.finish());
    }
  }

  @Test
  void plainTextIsTakenAsItIsWhateverItsFirstBytes() throws IOException {
    byte[] packed = gzip(utf8("x\n"));
    List<String> documents = new ArrayList<>();
    Corpus.Reader reader = Corpus.of().withWholeTexts().reader(documents::add, ReadProgress.NONE);
    reader.readPlainText("value", new ByteArrayInputStream(packed));
    assertEquals(1, documents.size());
    assertEquals(Utf8Text.decode(packed, 0, packed.length), documents.get(0));
    assertEquals(packed.length, reader.finish().bytes());
  }

  @Test
  void jsonLinesSettingsCarryOver() throws IOException {
    List<String> documents = new ArrayList<>();
    Corpus.Reader reader = Corpus.of().withJsonlField("text").reader(documents::add, ReadProgress.NONE);
    reader.readPlainText("part", new ByteArrayInputStream(utf8("{\"text\": \"a\"}\n\n{\"text\": \"b\\n\"}\n")));
    assertEquals(List.of("a", "b\n"), documents);
  }

  @Test
  void plainTextIsToldFromCompressedAndArchivedStreams() throws IOException {
    assertTrue(Corpus.isPlainText(new ByteArrayInputStream(utf8(TEXT))));
    assertTrue(Corpus.isPlainText(new ByteArrayInputStream(new byte[0])));
    assertFalse(Corpus.isPlainText(new ByteArrayInputStream(gzip(utf8(TEXT)))));
    assertFalse(Corpus.isPlainText(new ByteArrayInputStream(tar(Map.of("a.txt", utf8(TEXT))))));
  }

  @Test
  void forEachTextUnpacksAsReadDoes() throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("a.txt", utf8("first"));
    entries.put("b.txt.gz", gzip(utf8("second")));
    Map<String, String> texts = new LinkedHashMap<>();
    Corpus.forEachText(new ByteArrayInputStream(gzip(tar(entries))), "x.tar.gz", (name, in) -> texts.put(name, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
    assertEquals(Map.of("x.tar.gz!a.txt", "first", "x.tar.gz!b.txt.gz", "second"), texts);
  }
}
