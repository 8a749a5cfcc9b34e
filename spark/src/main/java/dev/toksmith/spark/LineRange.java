package dev.toksmith.spark;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.fs.FSDataInputStream;

/**
 * The lines of a plain text file that start in the byte range {@code [start, end)}: from the first
 * line start at or after {@code start} to the {@code \n} that ends the line holding byte {@code end -
 * 1} (or the end of the file). Consecutive ranges thus hand out every line once, whole, wherever
 * they cut the file.
 */
final class LineRange extends InputStream {
  private final InputStream in;
  private final long end;
  /** Position in the file of the next byte to hand out. */
  private long position;
  private boolean done;

  LineRange(FSDataInputStream file, long start, long end) throws IOException {
    this.end = end;
    if (start > 0) {
      // The line that holds byte start - 1 began in an earlier range; skip to the end of it.
      file.seek(start - 1);
      in = new BufferedInputStream(file, 1 << 16);
      position = start - 1;
      int b;
      do {
        b = in.read();
        if (b >= 0) position++;
      } while (b >= 0 && b != '\n');
      done = b < 0;
    } else {
      in = new BufferedInputStream(file, 1 << 16);
    }
    if (position >= end) done = true;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (done) return -1;
    if (len == 0) return 0;
    // Up to end - 1 the bytes go out as they are; from there on, up to and including the next \n.
    long beforeLast = end - 1 - position;
    int n = in.read(b, off, beforeLast > 0 ? (int) Math.min(len, beforeLast) : len);
    if (n < 0) {
      done = true;
      return -1;
    }
    if (beforeLast <= 0) {
      for (int i = 0; i < n; i++) {
        if (b[off + i] == '\n') {
          n = i + 1;
          done = true;
          break;
        }
      }
    }
    position += n;
    return n;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
