package dev.toksmith.jmh;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * The line-mode job of {@code toksmith encode} done with jtokkit, as a user would write it: standard
 * input read as UTF-8, each line (ending at {@code \n} only, as toksmith's lines do, so a {@code \r}
 * stays in the text) encoded as ordinary text, its ids written space-separated on one line of standard
 * output. {@code jmh/compare-cli.sh} times it against the CLI as whole processes.
 *
 * <p>Usage: {@code java -cp jmh/target/benchmarks.jar dev.toksmith.jmh.JtokkitLines ENCODING < in > ids}
 */
public final class JtokkitLines {
  private JtokkitLines() {}

  public static void main(String[] args) throws IOException {
    Encoding encoding = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.fromName(args[0]).orElseThrow(() -> new IllegalArgumentException("unknown encoding " + args[0])));
    BufferedReader in = new BufferedReader(new InputStreamReader(new FileInputStream(FileDescriptor.in), StandardCharsets.UTF_8), 1 << 16);
    Writer out = new BufferedWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), 1 << 16);
    char[] buffer = new char[1 << 16];
    StringBuilder line = new StringBuilder();
    StringBuilder ids = new StringBuilder();
    for (int n; (n = in.read(buffer)) > 0; ) {
      int start = 0;
      for (int i = 0; i < n; i++) {
        if (buffer[i] == '\n') {
          line.append(buffer, start, i - start);
          writeIds(encoding.encodeOrdinary(line.toString()), ids, out);
          out.write('\n');
          line.setLength(0);
          start = i + 1;
        }
      }
      line.append(buffer, start, n - start);
    }
    // A last line without \n gives ids without \n, as toksmith writes them.
    if (line.length() > 0) writeIds(encoding.encodeOrdinary(line.toString()), ids, out);
    out.flush();
  }

  private static void writeIds(IntArrayList tokens, StringBuilder ids, Writer out) throws IOException {
    ids.setLength(0);
    for (int i = 0; i < tokens.size(); i++) {
      if (i > 0) ids.append(' ');
      ids.append(tokens.get(i));
    }
    out.append(ids);
  }
}
