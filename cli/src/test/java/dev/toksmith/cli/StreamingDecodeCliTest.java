package dev.toksmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.cli.CliTest.Result;
import dev.toksmith.core.reference.HfReference;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code decode --stream} as a model's ids arrive, against Hugging Face's decoding (DJL) of the ids so
 * far: after each id the output is that decoding, or, while it ends in an incomplete character
 * (U+FFFD, as Hugging Face's {@code DecodeStream} holds it back) or in an open run of byte tokens
 * (which a later byte token could still make invalid, and ByteFallback then all U+FFFD), what it was
 * before; at the end of input the output is the decoding of all the ids, an incomplete last
 * character included.
 */
class StreamingDecodeCliTest {
  /** toksmith-vocab's model family fixtures: byte-level BPE (roberta) and byte fallback (llama2). */
  private static final Path FAMILIES = Path.of("../vocab/src/test/resources/families");

  @TempDir Path dir;

  /**
   * Standard input that hands over one line (an id and its newline) per read, as ids from a model
   * arrive, and notes what the command had written each time it asked for the next id.
   */
  private static final class OneIdAtATime extends InputStream {
    private final byte[] input;
    private final ByteArrayOutputStream out;
    private int position;
    /** Entry k: the output once ids 0..k-1 were read; the last entry is at the end of input. */
    final List<String> written = new ArrayList<>();

    OneIdAtATime(byte[] input, ByteArrayOutputStream out) {
      this.input = input;
      this.out = out;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (position == 0 || (position <= input.length && input[position - 1] == '\n')) {
        written.add(out.toString(StandardCharsets.UTF_8));
        if (position == input.length) position++;
      }
      if (position > input.length) return -1;
      int end = position;
      while (input[end++] != '\n') {}
      int n = Math.min(length, end - position);
      System.arraycopy(input, position, buffer, offset, n);
      position += n;
      return n;
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"roberta", "llama2"})
  void textIsWrittenOnceItsCharactersAreComplete(String family) throws Exception {
    Path file = FAMILIES.resolve(family + ".json");
    long[] ids;
    String[] tokens;
    List<String> reference = new ArrayList<>();
    try (HfReference hf = HfReference.load(Files.readString(file))) {
      HfReference.Encoded text = hf.encode("Emoji 😀 and 法院, 🏳️‍🌈 e\u0301 split across byte tokens");
      HfReference.Encoded cut = hf.encode("x😀");
      // The last character's last token never comes: the end of input finds it incomplete.
      ids = LongStream.concat(Arrays.stream(text.ids()), Arrays.stream(cut.ids(), 0, cut.ids().length - 1)).toArray();
      tokens = Stream.concat(Arrays.stream(text.tokens()), Arrays.stream(cut.tokens(), 0, cut.tokens().length - 1)).toArray(String[]::new);
      for (int k = 0; k <= ids.length; k++) reference.add(hf.decode(Arrays.copyOf(ids, k), false));
    }
    assertTrue(reference.get(ids.length).endsWith("\uFFFD"), () -> family + ": the ids end inside a character: " + reference.get(ids.length));

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] input = Arrays.stream(ids).mapToObj(id -> id + "\n").collect(Collectors.joining()).getBytes(StandardCharsets.UTF_8);
    OneIdAtATime stdin = new OneIdAtATime(input, out);
    Result r = CliTest.run(stdin, out, "decode", "-t", file.toString(), "--stream");
    assertEquals(0, r.code(), r.err());
    assertEquals(ids.length + 1, stdin.written.size());
    String complete = "";
    int heldBack = 0;
    for (int k = 0; k <= ids.length; k++) {
      if (reference.get(k).endsWith("\uFFFD") || k > 0 && tokens[k - 1].matches("<0x[0-9A-F]{2}>")) heldBack++;
      else complete = reference.get(k);
      int read = k;
      assertEquals(complete, stdin.written.get(k), () -> family + ": output after " + read + " ids");
    }
    assertTrue(heldBack >= 3, family + ": split characters held back at " + heldBack + " ids");
    assertEquals(reference.get(ids.length), r.outText(), family + ": the end of input writes the rest");
  }

  @Test
  void streamReadsStandardInputOnly() throws Exception {
    Path ids = Files.writeString(dir.resolve("ids.txt"), "0 1 2\n");
    Result r = CliTest.run("decode", "-t", FAMILIES.resolve("roberta.json").toString(), "--stream", ids.toString());
    assertEquals(2, r.code(), r.err());
    assertEquals("", r.outText());
    // The usage error's one line, then picocli's pointer to the help.
    assertEquals(List.of("toksmith: --stream reads standard input only (see 'toksmith decode --help')"), r.err().lines().toList());
    Result threads = CliTest.run("0 1 2\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), "decode", "-t", FAMILIES.resolve("roberta.json").toString(), "--stream", "--threads", "2");
    assertEquals(2, threads.code(), threads.err());
    assertEquals(List.of("toksmith: --stream decodes on one thread; drop --threads (see 'toksmith decode --help')"), threads.err().lines().toList());
  }
}
