import dev.toksmith.TokenizerCache;
import dev.toksmith.Tokenizers;
import dev.toksmith.api.Tokenizer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The per-line encode loop of two tokenizers in one JVM (jmh/json-loop.sh runs it): every line of a
 * text through {@code encodeBytes(bytes, from, to, ids)}, as {@code toksmith encode} calls it, the
 * two alternating pass by pass on the same compiled code, so that what differs is the loop each
 * runs, not loading, compiling or the heap. Prints each pass's thread CPU time (the first includes
 * compiling), the median of the others, and a checksum of the ids, which must agree. Uses only the
 * public API; loads through the tokenizer cache of TOKSMITH_CACHE_DIR, as the command line does.
 */
public class JsonLoop {
  private static long sum;

  public static void main(String[] args) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    TokenizerCache cache = TokenizerCache.fromEnvironment(System.getenv()).orElse(null);
    Tokenizer[] toks = {Tokenizers.load(args[0], cache), Tokenizers.load(args[1], cache)};
    byte[] bytes = Files.readAllBytes(Path.of(args[2]));
    int passes = Integer.parseInt(args[3]);
    IntConsumer ids = id -> sum += id;
    double[][] seconds = new double[2][passes];
    long[] sums = new long[2];
    for (int pass = 0; pass < passes; pass++) {
      for (int k = 0; k < 2; k++) {
        sum = 0;
        long start = threads.getCurrentThreadCpuTime();
        for (int from = 0; from < bytes.length; ) {
          int to = from;
          while (to < bytes.length && bytes[to] != '\n') to++;
          toks[k].encodeBytes(bytes, from, to, ids);
          from = to + 1;
        }
        seconds[k][pass] = (threads.getCurrentThreadCpuTime() - start) / 1e9;
        sums[k] = sum;
      }
    }
    for (int k = 0; k < 2; k++) {
      double[] rest = Arrays.copyOfRange(seconds[k], 1, passes);
      Arrays.sort(rest);
      System.out.printf("%-40s first %.3f s, median of the other %d %.3f s CPU; ids checksum %d%n", args[k], seconds[k][0], rest.length, rest[rest.length / 2], sums[k]);
    }
    if (sums[0] != sums[1]) throw new AssertionError("the two tokenizers gave different ids");
  }
}
