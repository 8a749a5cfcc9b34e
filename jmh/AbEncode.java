import dev.toksmith.api.Tokenizer;
import dev.toksmith.Tokenizers;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One side of an A/B of the encode hot paths between two builds (jmh/ab-encode.sh runs it against
 * each jar in turn): encodeIds line by line and encodeBytes of the whole text (thread CPU time), and
 * encodeBatch of up to 20,000 lines (wall time; parallel), each the median of 5 runs after 2 warm-up
 * passes, in milliseconds. Uses only the public API, so it runs against any build.
 */
public class AbEncode {
  public static void main(String[] args) throws Exception {
    Tokenizer tok = Tokenizers.load(args[0]);
    byte[] bytes = Files.readAllBytes(Path.of(args[1]));
    String text = new String(bytes, StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>(List.of(text.split("\n")));
    List<String> batch = lines.subList(0, Math.min(20000, lines.size()));
    var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long sink = 0;
    // warm up
    for (int r = 0; r < 2; r++) { for (String l : lines) sink += tok.encodeIds(l).length; sink += tok.encodeBytes(bytes).length; }
    StringBuilder out = new StringBuilder(args[0]);
    for (String mode : new String[] {"ids", "bytes", "batch"}) {
      long[] runs = new long[5];
      for (int r = 0; r < runs.length; r++) {
        long c0 = bean.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        switch (mode) {
          case "ids" -> { for (String l : lines) sink += tok.encodeIds(l).length; }
          case "bytes" -> sink += tok.encodeBytes(bytes).length;
          default -> sink += tok.encodeBatch(batch, false).size();
        }
        long wall = System.nanoTime() - t0;
        long cpu = bean.getCurrentThreadCpuTime() - c0;
        runs[r] = mode.equals("batch") ? wall : cpu;
      }
      java.util.Arrays.sort(runs);
      out.append(' ').append(mode).append('=').append(runs[runs.length / 2] / 1_000_000);
    }
    System.out.println(out + " sink=" + sink);
  }
}
