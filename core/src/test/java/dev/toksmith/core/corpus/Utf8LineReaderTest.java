package dev.toksmith.core.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Utf8LineReaderTest {

  @Test
  void linesKeepTheirNewlineAndCarriageReturnIsText() throws IOException {
    assertEquals(List.of("a\n", "b\r\n", "c\rd\n", "\n", "last"), lines(ascii("a\nb\r\nc\rd\n\nlast")));
    assertEquals(List.of("only\r"), lines(ascii("only\r")));
  }

  @Test
  void emptyStreamHasNoLinesAndFinalNewlineAddsNoEmptyLine() throws IOException {
    assertEquals(List.of(), lines(new byte[0]));
    assertEquals(List.of("x\n"), lines(ascii("x\n")));
  }

  @Test
  void lineNumbersStartAtOneForEachStream() throws IOException {
    Utf8LineReader reader = new Utf8LineReader();
    List<Long> numbers = new ArrayList<>();
    reader.read(new ByteArrayInputStream(ascii("a\nb\nc")), (line, n) -> numbers.add(n));
    reader.read(new ByteArrayInputStream(ascii("d\n")), (line, n) -> numbers.add(n));
    assertEquals(List.of(1L, 2L, 3L, 1L), numbers);
    assertEquals(7, reader.bytesDecoded());
  }

  /**
   * A line longer than the limit is refused by number, whatever mixes of ASCII and other characters
   * reach it and however the reads cut it; lines up to the limit are read. (The default limit is 256 Mi
   * characters; a real 1.1 GB line once made the buffer's growth overflow and append one char at a time.)
   */
  @Test
  void aLineLongerThanTheLimitIsRefusedByNumber() throws IOException {
    for (String longLine : new String[] {"x".repeat(20), "é".repeat(20), "x😀".repeat(7)}) {
      String ok = "a".repeat(15) + "\n" + "é".repeat(8) + "\n";
      byte[] input = (ok + longLine + "\nafter\n").getBytes(StandardCharsets.UTF_8);
      Utf8LineReader reader = new Utf8LineReader(() -> {}, 16);
      List<String> seen = new ArrayList<>();
      Utf8LineReader.LineTooLongException e = assertThrows(Utf8LineReader.LineTooLongException.class,
          () -> reader.read(new TrickleStream(input), (line, n) -> seen.add(line)));
      assertEquals(3, e.lineNumber(), longLine);
      assertEquals("longer than 16 characters (its newline included), the most toksmith reads as one line (split the text into shorter lines)", e.getMessage());
      assertEquals(List.of("a".repeat(15) + "\n", "é".repeat(8) + "\n"), seen);
    }
    assertEquals(List.of("b".repeat(15) + "\n", "c".repeat(16)), linesWithLimit("b".repeat(15) + "\n" + "c".repeat(16), 16));
    assertThrows(Utf8LineReader.LineTooLongException.class, () -> linesWithLimit("b".repeat(16) + "\n", 16), "found whole in the buffer too");
  }

  private static List<String> linesWithLimit(String text, int limit) throws IOException {
    List<String> out = new ArrayList<>();
    new Utf8LineReader(() -> {}, limit).read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), (line, n) -> out.add(line));
    return out;
  }

  /** Hands out three bytes at a time. */
  private static final class TrickleStream extends ByteArrayInputStream {
    TrickleStream(byte[] bytes) {
      super(bytes);
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      return super.read(b, off, Math.min(len, 3));
    }
  }

  @Test
  void byteOrderMarkIsKeptAsText() throws IOException {
    assertEquals(List.of("\uFEFFhello\n", "\uFEFF"), lines(hex("EF BB BF 68 65 6C 6C 6F 0A EF BB BF")));
  }

  @Test
  void validMultiByteCharactersDecode() throws IOException {
    String text = "é ü € 中文 😀 \uD83C\uDDE9\uD83C\uDDEA \u0000 \uFFFF \uDBFF\uDFFF\n";
    assertEquals(List.of(text), lines(text.getBytes(StandardCharsets.UTF_8)));
    assertEquals(0, invalidCount(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Each maximal subpart of an ill-formed sequence becomes one U+FFFD (Unicode chapter 3, WHATWG). */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
    "E2 82 41            | \uFFFDA                   | 1", // valid prefix cut by 'A', which is kept
    "F0 80 80            | \uFFFD\uFFFD\uFFFD        | 3", // overlong: after F0 only 90..BF
    "ED A0 80            | \uFFFD\uFFFD\uFFFD        | 3", // surrogate U+D800: after ED only 80..9F
    "ED BF BF            | \uFFFD\uFFFD\uFFFD        | 3", // surrogate U+DFFF
    "C0 AF               | \uFFFD\uFFFD              | 2", // C0 never starts a sequence
    "C1 BF               | \uFFFD\uFFFD              | 2",
    "E0 80 AF            | \uFFFD\uFFFD\uFFFD        | 3", // overlong 3-byte
    "F4 90 80 80         | \uFFFD\uFFFD\uFFFD\uFFFD  | 4", // above U+10FFFF
    "F5 80               | \uFFFD\uFFFD              | 2",
    "FF FE               | \uFFFD\uFFFD              | 2",
    "80 BF               | \uFFFD\uFFFD              | 2", // lone continuation bytes
    "F0 9F 98            | \uFFFD                    | 1", // truncated by the end of the stream
    "E2 82               | \uFFFD                    | 1",
    "F1 80 80 E1 80 C2 62 | \uFFFD\uFFFD\uFFFDb      | 3", // the example of Unicode's table 3-11
    "80 63 80 BF 64      | \uFFFDc\uFFFD\uFFFDd      | 3",
    "F0 9F 98 80 E2 82 AC | \uD83D\uDE00\u20AC       | 0",
  })
  void invalidSequencesAreReplacedPerMaximalSubpart(String bytes, String expected, long replacements) throws IOException {
    byte[] input = hex(bytes);
    assertEquals(expected, String.join("", lines(input)));
    assertEquals(replacements, invalidCount(input));
    // A newline cuts a sequence short like any other ASCII byte, and still ends the line.
    byte[] withNewline = Arrays.copyOf(input, input.length + 1);
    withNewline[input.length] = '\n';
    assertEquals(List.of(expected + "\n"), lines(withNewline));
  }

  @Test
  void newlineEndsAnIncompleteSequenceAndStaysALineEnd() throws IOException {
    assertEquals(List.of("a\uFFFD\n", "b"), lines(hex("61 E2 82 0A 62")));
    assertEquals(List.of("\uFFFD\n", "\uFFFD"), lines(hex("F0 0A 9F")));
  }

  /**
   * The JDK's {@code new String(bytes, UTF_8)} also replaces maximal subparts, except for encoded
   * surrogates: for {@code ED A0..BF} it replaces the lead and the following continuation bytes
   * together (ED A0 80 gives one U+FFFD), while Unicode's table 3-7 admits only 80..9F after ED, so
   * that ED, A0 and 80 are three subparts, as Rust's from_utf8_lossy, WHATWG and CPython give. Outside
   * that class the two must agree; inside it, this decoder gives one U+FFFD per byte of the bad run.
   */
  @Test
  void agreesWithTheJdkOnRandomBytesExceptEncodedSurrogates() throws IOException {
    Random random = new Random(42);
    Utf8LineReader reader = new Utf8LineReader();
    int compared = 0;
    for (int trial = 0; trial < 200_000; trial++) {
      byte[] bytes = randomUtf8ish(random, random.nextInt(12));
      if (hasEncodedSurrogateLead(bytes)) continue;
      assertEquals(new String(bytes, StandardCharsets.UTF_8), decodeAll(reader, bytes, random), HexFormat.ofDelimiter(" ").formatHex(bytes));
      compared++;
    }
    assertTrue(compared > 150_000, "compared " + compared);
  }

  @Test
  void agreesWithTheJdkOnLongRandomStreamsReadInOddChunks() throws IOException {
    Random random = new Random(7);
    for (int trial = 0; trial < 20; trial++) {
      byte[] bytes = randomUtf8ish(random, 200_000);
      for (int i = 0; i < bytes.length - 1; i++) {
        if ((bytes[i] & 0xFF) == 0xED) bytes[i + 1] = (byte) 0x80; // keep out of the one disagreeing class
      }
      assertEquals(new String(bytes, StandardCharsets.UTF_8), decodeAll(new Utf8LineReader(), bytes, random));
    }
  }

  @Test
  void encodedSurrogatesGiveOneReplacementPerByte() throws IOException {
    assertEquals("\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD", String.join("", lines(hex("ED A0 BD ED B8 80"))));
    assertEquals(6, invalidCount(hex("ED A0 BD ED B8 80")));
    assertEquals("\uFFFD\uFFFDx", String.join("", lines(hex("ED A0 78"))));
    assertEquals("\uD7FF", String.join("", lines(hex("ED 9F BF")))); // the last scalar before surrogates
  }

  @Test
  void linesLongerThanTheBufferAndCharactersAcrossItsEdgeDecode() throws IOException {
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 70_000; i++) expected.append(i % 3 == 0 ? "😀" : i % 3 == 1 ? "é" : "a");
    String line = expected + "\n";
    byte[] bytes = (line + line + "tail").getBytes(StandardCharsets.UTF_8);
    assertEquals(List.of(line, line, "tail"), lines(bytes));
    Random random = new Random(3);
    assertEquals(line + line + "tail", decodeAll(new Utf8LineReader(), bytes, random));
  }

  @Test
  void countsBytesAndReplacementsAcrossStreams() throws IOException {
    Utf8LineReader reader = new Utf8LineReader();
    reader.read(new ByteArrayInputStream(hex("C0 0A")), (line, n) -> {});
    reader.read(new ByteArrayInputStream(hex("FF FF 41")), (line, n) -> {});
    assertEquals(5, reader.bytesDecoded());
    assertEquals(3, reader.invalidSequences());
  }

  /** Random bytes weighted towards lead and continuation bytes, where the decoding rules bite. */
  private static byte[] randomUtf8ish(Random random, int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) switch (random.nextInt(4)) {
        case 0 -> random.nextInt(0x80);
        case 1 -> 0x80 + random.nextInt(0x40);
        default -> 0xC0 + random.nextInt(0x40);
      };
    }
    return bytes;
  }

  private static boolean hasEncodedSurrogateLead(byte[] bytes) {
    for (int i = 0; i + 1 < bytes.length; i++) {
      if ((bytes[i] & 0xFF) == 0xED && (bytes[i + 1] & 0xFF) >= 0xA0 && (bytes[i + 1] & 0xFF) <= 0xBF) return true;
    }
    return false;
  }

  /** Decodes through a stream that hands out few bytes per read, to cut sequences at every place. */
  private static String decodeAll(Utf8LineReader reader, byte[] bytes, Random random) throws IOException {
    StringBuilder out = new StringBuilder();
    reader.read(new Trickle(bytes, random), (line, n) -> out.append(line));
    return out.toString();
  }

  private static List<String> lines(byte[] bytes) throws IOException {
    List<String> lines = new ArrayList<>();
    new Utf8LineReader().read(new ByteArrayInputStream(bytes), (line, n) -> lines.add(line));
    return lines;
  }

  private static long invalidCount(byte[] bytes) throws IOException {
    Utf8LineReader reader = new Utf8LineReader();
    reader.read(new ByteArrayInputStream(bytes), (line, n) -> {});
    return reader.invalidSequences();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] hex(String spaced) {
    return HexFormat.ofDelimiter(" ").parseHex(spaced.strip());
  }

  /** Returns 1 to 5 bytes per read. */
  private static final class Trickle extends InputStream {
    private final byte[] bytes;
    private final Random random;
    private int pos;

    Trickle(byte[] bytes, Random random) {
      this.bytes = bytes;
      this.random = random;
    }

    @Override
    public int read() {
      return pos < bytes.length ? bytes[pos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos == bytes.length) return -1;
      int n = Math.min(Math.min(len, 1 + random.nextInt(5)), bytes.length - pos);
      System.arraycopy(bytes, pos, b, off, n);
      pos += n;
      return n;
    }
  }
}
