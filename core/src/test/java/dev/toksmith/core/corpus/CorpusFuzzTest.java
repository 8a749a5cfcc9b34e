package dev.toksmith.core.corpus;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.toksmith.api.CorpusException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz tests of the corpus readers: whatever bytes arrive as gzip, bzip2, xz, tar, zip, JSON lines or
 * text, reading ends in documents or one {@link CorpusException}, never another exception, a hang or
 * a line past the limit. Each target's seeds (valid files of its kind, and every crash ever found) are
 * in {@code CorpusFuzzTestInputs/TARGET} and run as regression cases in every build; {@code fuzz/fuzz.sh}
 * fuzzes them.
 */
class CorpusFuzzTest {
  /** A small line limit, so that fuzzing reaches it and no input costs much memory. */
  private static final int MAX_CHARS = 1 << 16;

  @FuzzTest
  void gzip(byte[] data) throws IOException {
    readEveryWay(data);
  }

  @FuzzTest
  void bzip2(byte[] data) throws IOException {
    readEveryWay(data);
  }

  @FuzzTest
  void xz(byte[] data) throws IOException {
    readEveryWay(data);
  }

  @FuzzTest
  void tar(byte[] data) throws IOException {
    readEveryWay(data);
  }

  @FuzzTest
  void zip(byte[] data) throws IOException {
    readEveryWay(data);
  }

  @FuzzTest
  void jsonLines(byte[] data) throws IOException {
    readEveryWay(data);
    String line = new String(data, StandardCharsets.UTF_8);
    try {
      String value = JsonLines.stringField(line, "text");
      assertTrue(value.length() <= line.length(), "a field's value is never longer than its line");
    } catch (JsonLineException e) {
      // The line is no JSON object with a string field "text": a documented outcome.
    }
  }

  /** Reads {@code data} as lines, as whole texts and as JSON lines; each ends in documents or a CorpusException. */
  private static void readEveryWay(byte[] data) throws IOException {
    for (String jsonlField : new String[] {null, "text"}) {
      for (boolean wholeTexts : new boolean[] {false, true}) {
        long[] documents = {0};
        CorpusReader reader = new CorpusReader(jsonlField, wholeTexts, document -> {
          assertTrue(document.length() <= MAX_CHARS, "a document within the limit");
          documents[0]++;
        }, (done, total) -> {}, data.length, MAX_CHARS);
        try {
          reader.readStream("input", new ByteArrayInputStream(data));
          assertTrue(reader.finish().documents() == documents[0]);
        } catch (CorpusException e) {
          assertTrue(e.getMessage().startsWith("input"), "the error names the input: " + e.getMessage());
        }
      }
    }
  }
}
