package dev.toksmith.core.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.api.CorpusException;
import dev.toksmith.api.CorpusStats;
import dev.toksmith.api.DocumentSink;
import dev.toksmith.api.ReadProgress;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Plain text read in blocks of lines (for a {@link LineBlockSink}) against the same text read line by line. */
class LineBlocksTest {
  private static final int MAX_CHARS = 2 * CorpusReader.LONG_LINE_BYTES;

  /** Takes blocks and decodes them as the sink contract says, keeping every line and every block. */
  private static final class Blocks implements LineBlockSink {
    final List<String> lines = new ArrayList<>();
    final List<byte[]> blocks = new ArrayList<>();
    final Utf8LineReader decoder = new Utf8LineReader();

    @Override
    public void accept(String document) {
      lines.add(document);
    }

    @Override
    public void acceptLines(byte[] utf8) {
      blocks.add(utf8);
      try {
        decoder.read(new ByteArrayInputStream(utf8), (line, number) -> lines.add(line));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static CorpusStats read(DocumentSink sink, byte[]... streams) throws IOException {
    CorpusReader reader = new CorpusReader(null, false, sink, ReadProgress.NONE, -1, MAX_CHARS);
    for (int i = 0; i < streams.length; i++) reader.readStream("s" + i, new ByteArrayInputStream(streams[i]));
    return reader.finish();
  }

  private static void assertSameAsLines(byte[]... streams) throws IOException {
    List<String> expected = new ArrayList<>();
    CorpusStats byLine = read(expected::add, streams);
    Blocks blocks = new Blocks();
    CorpusStats byBlock = read(blocks, streams);
    assertEquals(expected, blocks.lines);
    // The reader leaves the blocks' U+FFFD to the sink.
    assertEquals(byLine, new CorpusStats(byBlock.documents(), byBlock.bytes(), byBlock.invalidUtf8Sequences() + blocks.decoder.invalidSequences()));
    for (byte[] block : blocks.blocks) assertTrue(block.length > 0, "no empty block");
  }

  @Test
  void blocksHoldTheLinesTheLineReaderReads() throws IOException {
    assertSameAsLines();
    assertSameAsLines(new byte[0]);
    assertSameAsLines(bytes("\n"), bytes("\n\n\n"), bytes("no newline"), bytes("a\r\nb\r\n"), bytes("last\n"));
    assertSameAsLines(bytes("x"), bytes("y"), new byte[0], bytes("\r"));
    // Invalid UTF-8, a sequence cut by a line end and one cut by the end of the stream.
    assertSameAsLines(new byte[] {'a', (byte) 0xE2, (byte) 0x82, '\n', (byte) 0xFF, (byte) 0xC0, (byte) 0xAF, '\n', (byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xF0, (byte) 0x9F});
  }

  @Test
  void manyBlocksAndLongLines() throws IOException {
    Random random = new Random(19);
    for (int round = 0; round < 6; round++) {
      byte[] text = TestCorpora.randomLines(random, 300_000 + random.nextInt(200_000), round % 2 == 0);
      // A line longer than LONG_LINE_BYTES puts the rest of the stream on the line reader.
      byte[] longLine = new byte[CorpusReader.LONG_LINE_BYTES + 1000 * round];
      Arrays.fill(longLine, (byte) 'w');
      longLine[longLine.length - 1] = '\n';
      assertSameAsLines(text, concat(text, longLine, text), TestCorpora.randomLines(random, 70_000, false));
    }
  }

  @Test
  void aLineOverTheLimitIsRefusedWithItsNumberInBothModes() throws IOException {
    byte[] line = new byte[MAX_CHARS + 1];
    Arrays.fill(line, (byte) 'z');
    byte[] text = concat(bytes("one\ntwo\n\nfour\n"), line, bytes("\nafter\n"));
    CorpusException byLine = assertThrows(CorpusException.class, () -> read(document -> {}, text));
    CorpusException byBlock = assertThrows(CorpusException.class, () -> read(new Blocks(), text));
    assertEquals(byLine.getMessage(), byBlock.getMessage());
    assertTrue(byBlock.getMessage().startsWith("s0:5: longer than"), byBlock.getMessage());
  }

  @Test
  void jsonLinesAndWholeTextsNeverComeInBlocks() throws IOException {
    Blocks json = new Blocks();
    CorpusReader reader = new CorpusReader("text", json, ReadProgress.NONE, -1);
    reader.readStream("j", new ByteArrayInputStream(bytes("{\"text\": \"a b\"}\n")));
    assertEquals(List.of("a b"), json.lines);
    assertTrue(json.blocks.isEmpty());
    Blocks whole = new Blocks();
    CorpusReader texts = CorpusReader.wholeTexts(null, whole, ReadProgress.NONE, -1);
    texts.readStream("w", new ByteArrayInputStream(bytes("a\nb\n")));
    assertEquals(List.of("a\nb\n"), whole.lines);
    assertTrue(whole.blocks.isEmpty());
  }

  @Test
  void lineEndsAreCounted() {
    byte[] text = bytes("\n a\n\n\u00e9\n x");
    assertEquals(4, CorpusReader.lineEnds(text, text.length));
    assertEquals(0, CorpusReader.lineEnds(text, 0));
  }

  private static byte[] bytes(String s) {
    return TestCorpora.utf8(s);
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] part : parts) out.writeBytes(part);
    return out.toByteArray();
  }
}
