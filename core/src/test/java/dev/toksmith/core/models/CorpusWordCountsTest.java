package dev.toksmith.core.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.api.CorpusStats;
import dev.toksmith.api.DocumentSource;
import dev.toksmith.api.ReadProgress;
import dev.toksmith.core.corpus.CorpusReader;
import dev.toksmith.core.corpus.TestCorpora;
import dev.toksmith.core.models.wordlevel.WhitespaceWords;
import dev.toksmith.core.text.Utf8;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Counting words from blocks of bytes ({@link CorpusWordCounts#countUtf8}) against counting decoded lines. */
class CorpusWordCountsTest {

  private static DocumentSource streams(byte[]... streams) {
    return new DocumentSource() {
      @Override
      public CorpusStats read(dev.toksmith.api.DocumentSink sink, ReadProgress progress) throws IOException {
        CorpusReader reader = new CorpusReader(null, sink, progress, -1);
        for (int i = 0; i < streams.length; i++) reader.readStream("s" + i, new ByteArrayInputStream(streams[i]));
        return reader.finish();
      }

      @Override
      public long knownSizeBytes() {
        return -1;
      }
    };
  }

  private static Map<String, Long> counts(StripedWordCounter words) {
    Map<String, Long> counts = new HashMap<>();
    words.forEach((bytes, from, to, count) -> assertEquals(null, counts.put(new String(bytes, from, to - from, StandardCharsets.ISO_8859_1), count)));
    return counts;
  }

  private static CorpusStats assertSameCounts(byte[]... streams) throws IOException {
    // The string path: every line decoded by the reader, then split.
    CorpusWordCounts.Counted expected = CorpusWordCounts.count(streams(streams), WhitespaceWords::new, 1, ReadProgress.NONE);
    for (int threads : new int[] {1, 2, 3}) {
      CorpusWordCounts.Counted counted = CorpusWordCounts.countUtf8(streams(streams), WhitespaceWords::new, threads, ReadProgress.NONE);
      assertEquals(counts(expected.words()), counts(counted.words()), threads + " threads");
      assertEquals(expected.corpus(), counted.corpus(), threads + " threads");
    }
    return expected.corpus();
  }

  @Test
  void bytesCountAsDecodedLinesDo() throws IOException {
    Random random = new Random(4);
    assertSameCounts();
    assertSameCounts(new byte[0], TestCorpora.utf8("\n\n"), TestCorpora.utf8("a b"), TestCorpora.utf8("a b\r\n"));
    for (int round = 0; round < 4; round++) {
      byte[] longLine = new byte[(1 << 20) + 5];
      Arrays.fill(longLine, (byte) 'q');
      longLine[1000] = ' ';
      CorpusStats read = assertSameCounts(TestCorpora.randomLines(random, 400_000, round % 2 == 0), longLine, TestCorpora.randomLines(random, 150_000, round % 2 == 1));
      assertTrue(read.invalidUtf8Sequences() > 10, "blocks with ill-formed UTF-8 in them: " + read);
    }
  }

  @Test
  void invalidUtf8IsCountedOnceWhateverTheThreads() throws IOException {
    byte[] text = {'a', (byte) 0xFF, 'b', '\n', (byte) 0xE2, (byte) 0x82, '\n', 'c', (byte) 0xED, (byte) 0xA0, (byte) 0x80};
    CorpusWordCounts.Counted counted = CorpusWordCounts.countUtf8(streams(text), WhitespaceWords::new, 2, ReadProgress.NONE);
    assertEquals(new CorpusStats(3, text.length, 5), counted.corpus());
    // U+FFFD is neither a word character nor a space: "a", U+FFFD, "b"; U+FFFD; "c", U+FFFD x3.
    Map<String, Long> expected = Map.of(latin1("a"), 1L, latin1("b"), 1L, latin1("c"), 1L, latin1("\ufffd"), 2L, latin1("\ufffd\ufffd\ufffd"), 1L);
    assertEquals(expected, counts(counted.words()));
  }

  @Test
  void wordsFromBytesAreTheWordsOfTheText() {
    Random random = new Random(7);
    WhitespaceWords words = new WhitespaceWords();
    for (int round = 0; round < 200; round++) {
      String text = new String(TestCorpora.randomLines(random, random.nextInt(400) + 1, round % 2 == 0), StandardCharsets.UTF_8);
      byte[] utf8 = Utf8.encode(text);
      WordCounter fromText = new WordCounter();
      WordCounter fromBytes = new WordCounter();
      words.count(text, WordSink.of(fromText));
      byte[] padded = new byte[utf8.length + 6];
      System.arraycopy(utf8, 0, padded, 3, utf8.length);
      assertEquals(3 + utf8.length, words.countUtf8(padded, 3, 3 + utf8.length, WordSink.of(fromBytes)));
      assertEquals(counts(fromText), counts(fromBytes), text);
    }
    // Counting stops before an ill-formed sequence, at the start of the word in progress.
    WordCounter before = new WordCounter();
    assertEquals(2, words.countUtf8(new byte[] {'a', ' ', (byte) 0xC3}, 0, 3, WordSink.of(before)));
    assertEquals(Map.of("a", 1L), counts(before));
    WordCounter none = new WordCounter();
    assertEquals(1, words.countUtf8(new byte[] {' ', 'a', 'b', (byte) 0xE2, (byte) 0x82, 'c'}, 0, 6, WordSink.of(none)));
    assertEquals(0, none.size(), "the word in progress is left to the caller");
  }

  private static Map<String, Long> counts(WordCounter words) {
    Map<String, Long> counts = new HashMap<>();
    words.forEach((bytes, from, to, count) -> counts.put(new String(bytes, from, to - from, StandardCharsets.ISO_8859_1), count));
    return counts;
  }

  private static String latin1(String text) {
    return new String(Utf8.encode(text), StandardCharsets.ISO_8859_1);
  }
}
