package dev.toksmith.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ranges cut anywhere hand out every line once, whole: their concatenation is the file. */
class LineRangeTest {
  @TempDir java.nio.file.Path dir;

  @Test
  void rangesCutAnywhereGiveEveryLineOnce() throws IOException {
    for (String text : List.of("a\nbb\n\nccc\r\nd", "one line without newline", "\n\n\n", "x\n", "long line " + "y".repeat(300) + "\nshort\n")) {
      java.nio.file.Path file = Files.writeString(dir.resolve("t.txt"), text);
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      for (int size = 1; size <= bytes.length; size = size < 40 ? size + 1 : size * 2) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        List<String> parts = new ArrayList<>();
        for (long start = 0; start < bytes.length; start += size) {
          byte[] part = read(file, start, Math.min(bytes.length, start + size));
          all.write(part);
          String s = new String(part, StandardCharsets.UTF_8);
          parts.add(s);
          if (!s.isEmpty() && all.size() < bytes.length) assertEquals('\n', s.charAt(s.length() - 1), "a part that stops short of the end ends at a line end: " + parts);
        }
        assertEquals(text, all.toString(StandardCharsets.UTF_8), "ranges of " + size + ": " + parts);
      }
    }
  }

  @Test
  void aLineBelongsToTheRangeItStartsIn() throws IOException {
    java.nio.file.Path file = Files.writeString(dir.resolve("t.txt"), "aaaa\nbbbb\ncccc\n");
    assertEquals("aaaa\nbbbb\n", new String(read(file, 0, 6), StandardCharsets.UTF_8));
    assertEquals("cccc\n", new String(read(file, 6, 15), StandardCharsets.UTF_8));
    assertEquals("bbbb\n", new String(read(file, 5, 6), StandardCharsets.UTF_8), "byte 5 starts the second line");
    assertEquals("", new String(read(file, 6, 10), StandardCharsets.UTF_8), "no line starts in bytes 6-9");
  }

  private static final Configuration CONF = new Configuration();

  private static byte[] read(java.nio.file.Path file, long start, long end) throws IOException {
    Path path = new Path(file.toUri());
    FileSystem fs = path.getFileSystem(CONF);
    try (InputStream in = new LineRange(fs.open(path), start, end)) {
      return in.readAllBytes();
    }
  }
}
