import dev.toksmith.core.corpus.Utf8LineReader;
import dev.toksmith.core.models.StripedWordCounter;
import dev.toksmith.core.models.WordSink;
import dev.toksmith.core.models.wordlevel.WhitespaceWords;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One cold count of a file's words on this thread, timed in thread CPU; see jmh/count-split.sh. */
public class CountSplit {
  public static void main(String[] args) throws Exception {
    String mode = args[0];
    byte[] text = Files.readAllBytes(Path.of(args[1]));
    List<byte[]> blocks = new ArrayList<>();
    for (int from = 0; from < text.length; ) {
      int to = Math.min(text.length, from + (1 << 16));
      while (to < text.length && text[to - 1] != '\n') to--;
      blocks.add(Arrays.copyOfRange(text, from, to));
      from = to;
    }
    WhitespaceWords words = new WhitespaceWords();
    StripedWordCounter counter = new StripedWordCounter();
    StripedWordCounter.Sink sink = counter.sink();
    long[] dropped = {0};
    WordSink drop = new WordSink() {
      @Override
      public void add(byte[] utf8, int from, int to) {
        dropped[0]++;
      }

      @Override
      public void add(CharSequence s, int from, int to) {
        dropped[0]++;
      }
    };
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long start = threads.getCurrentThreadCpuTime();
    long first = 0;
    switch (mode) {
      case "split", "count" -> {
        WordSink into = mode.equals("split") ? drop : sink;
        for (byte[] block : blocks) {
          words.countUtf8(block, 0, block.length, into);
          if (first == 0) first = threads.getCurrentThreadCpuTime() - start;
        }
      }
      case "strings" -> new Utf8LineReader().read(new ByteArrayInputStream(text), (line, number) -> words.count(line, sink));
      default -> throw new IllegalArgumentException(mode);
    }
    sink.flush();
    long cpu = threads.getCurrentThreadCpuTime() - start;
    System.out.printf("%s %.1f %.1f%n", mode, cpu / 1e6, first / 1e6);
  }
}
