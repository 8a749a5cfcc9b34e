import dev.toksmith.Tokenizers;
import dev.toksmith.core.models.ByteTokenTable;
import dev.toksmith.core.models.PieceCache;
import dev.toksmith.core.models.TiktokenModel;
import dev.toksmith.core.models.tiktoken.TiktokenTokenizer;
import dev.toksmith.core.pretokenizers.SplitPattern;
import dev.toksmith.core.pretokenizers.SplitPatterns;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * What a built-in encoding's model sees in a text, line by line as `toksmith encode` cuts it: pieces
 * by length in bytes (how many, their bytes and tokens, how many are one token), how many need
 * merging and how many of those are distinct, and the hit rate a direct-mapped piece cache of each
 * size would have on them (TiktokenModel keeps 32K). Uses internal classes, so it runs on the class
 * path: java -cp cli/target/toksmith.jar jmh/PieceStats.java r50k_base TEXT
 */
public class PieceStats {
  public static void main(String[] args) throws Exception {
    TiktokenTokenizer tok = (TiktokenTokenizer) Tokenizers.load(args[0]);
    TiktokenModel model = tok.model();
    SplitPattern pattern = SplitPatterns.tiktokenRegex(tok.patternText());
    byte[] text = Files.readAllBytes(Path.of(args[1]));
    String[] names = {"1", "2", "3-8", "9-16", "17-32", "33-64", "65-128", ">128"};
    long[] pieces = new long[8], bytes = new long[8], tokens = new long[8], whole = new long[8];
    int[] sizes = {1 << 13, 1 << 15, 1 << 16, 1 << 17, 1 << 18};
    PieceCache[] caches = new PieceCache[sizes.length];
    for (int k = 0; k < sizes.length; k++) caches[k] = new PieceCache(sizes[k]);
    long[] hits = new long[sizes.length];
    long[] merged = {0, 0};
    Set<String> seen = new HashSet<>();
    int[] marker = {0};
    for (int i = 0; i < text.length; ) {
      int j = i;
      while (j < text.length && text[j] != '\n') j++;
      pattern.findMatches(text, i, j, true, (s, e) -> {
        int n = e - s;
        int b = n <= 2 ? n - 1 : Math.min(7, Math.max(2, 31 - Integer.numberOfLeadingZeros(n - 1)));
        int count = model.count(text, s, e);
        pieces[b]++;
        bytes[b] += n;
        tokens[b] += count;
        if (count == 1) whole[b]++;
        if (n <= 2 || count == 1) return;
        merged[0]++;
        if (seen.add(new String(text, s, n, StandardCharsets.ISO_8859_1))) merged[1]++;
        if (n > PieceCache.MAX_PIECE_LENGTH) return;
        long hash = ByteTokenTable.hash(text, s, n, ByteTokenTable.firstWord(text, s, n));
        for (int k = 0; k < sizes.length; k++) {
          if (caches[k].get(text, s, n, hash) != null) hits[k]++;
          else caches[k].put(text, s, n, hash, marker);
        }
      });
      i = j + 1;
    }
    System.out.printf("%s on %s%n%8s %10s %10s %10s %10s%n", args[0], args[1], "bytes", "pieces", "of bytes", "tokens", "one token");
    for (int b = 0; b < 8; b++) System.out.printf("%8s %10d %10d %10d %10d%n", names[b], pieces[b], bytes[b], tokens[b], whole[b]);
    System.out.printf("pieces to merge (3 bytes or more, not a token): %d, distinct: %d (an unbounded cache would hit %.1f%%)%n", merged[0], merged[1], 100.0 * (merged[0] - merged[1]) / merged[0]);
    System.out.print("direct-mapped piece cache hit rate by slots:");
    for (int k = 0; k < sizes.length; k++) System.out.printf("  %dK %.1f%%", sizes[k] >> 10, 100.0 * hits[k] / merged[0]);
    System.out.println();
  }
}
