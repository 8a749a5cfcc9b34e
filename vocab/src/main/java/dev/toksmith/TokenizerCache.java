package dev.toksmith;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A directory where toksmith keeps what is costly to load from a large BPE tokenizer.json (the
 * vocabulary and merges resolved to ids, the byte-level engine's tables), so that
 * loading the same file again takes a fraction of the time: {@link Tokenizers#load(Path, TokenizerCache)}. The command line uses {@link
 * #fromEnvironment the user's cache directory}; the library uses a cache only when given one.
 *
 * <p>Safe to share and to lose: an entry is found by a checksum of the file's bytes (never its name),
 * used only when the length and 128-bit hash of the bytes it was made from equal the file's and its
 * own checksum holds (the hash tells files apart by accident, not a file crafted to collide), and
 * written to a temporary file and renamed; anything else (a damaged or foreign entry, a missing or
 * read-only directory) means the file is parsed as without a cache. The directory keeps at most four
 * entries (5-15 MB each), the least recently used removed first.
 *
 * <pre>{@code
 * TokenizerCache cache = TokenizerCache.at(Path.of("cache"));              // or fromEnvironment(System.getenv())
 * Tokenizer tok = Tokenizers.load(Path.of("o200k.json"), cache);          // parses, and writes an entry
 * Tokenizer again = Tokenizers.load(Path.of("o200k.json"), cache);        // reads the entry: the same tokenizer
 * }</pre>
 */
public final class TokenizerCache {
  /** Set to {@code off} (or {@code 0}, {@code false}, {@code no}), turns the user's cache off. */
  public static final String SWITCH = "TOKSMITH_CACHE";
  /** Names the user's cache directory, instead of {@code $XDG_CACHE_HOME/toksmith} or {@code ~/.cache/toksmith}. */
  public static final String DIRECTORY = "TOKSMITH_CACHE_DIR";

  private final Path directory;

  private TokenizerCache(Path directory) {
    this.directory = directory;
  }

  /** A cache in {@code directory}, made when the first entry is written. */
  public static TokenizerCache at(Path directory) {
    return new TokenizerCache(directory.toAbsolutePath());
  }

  /**
   * The user's cache as {@code env} (the process's environment, say) sets it: none when {@value
   * #SWITCH} is {@code off}; else the directory {@value #DIRECTORY} names, else {@code
   * $XDG_CACHE_HOME/toksmith}, else {@code $HOME/.cache/toksmith}; none when none of these is set.
   */
  public static Optional<TokenizerCache> fromEnvironment(Map<String, String> env) {
    String on = env.getOrDefault(SWITCH, "").trim().toLowerCase(java.util.Locale.ROOT);
    if (on.equals("off") || on.equals("0") || on.equals("false") || on.equals("no")) return Optional.empty();
    String dir = env.get(DIRECTORY);
    if (isSet(dir)) return Optional.of(at(Path.of(dir)));
    String xdg = env.get("XDG_CACHE_HOME");
    // The XDG specification ignores a relative path.
    if (isSet(xdg) && Path.of(xdg).isAbsolute()) return Optional.of(at(Path.of(xdg, "toksmith")));
    String home = env.get("HOME");
    if (isSet(home)) return Optional.of(at(Path.of(home, ".cache", "toksmith")));
    return Optional.empty();
  }

  private static boolean isSet(String value) {
    return value != null && !value.isBlank();
  }

  /** The directory. */
  public Path directory() {
    return directory;
  }

  @Override
  public String toString() {
    return "TokenizerCache[" + directory + "]";
  }
}
