package dev.toksmith.cli;

import dev.toksmith.PendingTokenizer;
import dev.toksmith.TokenizerSpec;

/**
 * Starts loading the tokenizer of an {@code encode} or {@code decode} command line before picocli
 * has parsed it, so that building and parsing the command line (about as long as loading a built-in
 * vocabulary) runs beside the load on a second processor instead of before it; only when the command
 * will use two or more threads, as a one-thread run does everything on one.
 *
 * <p>The arguments are only glanced at here: {@code -t SPEC}, {@code --tokenizer SPEC} or {@code
 * --tokenizer=SPEC}, and {@code --threads N} or {@code --threads=N}. picocli's parse stays the
 * authority: the command takes the load only if the spec it parsed is the one loading ({@link
 * TokenizerOption#load(PendingTokenizer)}), and a load the command does not take (a usage error,
 * help, another spec) is given up before the process ends ({@link Main#run}). A load that fails
 * fails where the command would have loaded, with the same error, after the command's own checks.
 */
final class TokenizerAhead {
  private TokenizerAhead() {}

  /** The load started for {@code args}, or null when they are no encode or decode with a tokenizer on two or more threads. */
  static PendingTokenizer start(String[] args) {
    if (args.length == 0 || !(args[0].equals("encode") || args[0].equals("decode"))) return null;
    String spec = null;
    String threads = null;
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--":
          i = args.length;
          break;
        case "-h", "--help", "-V", "--version":
          return null;
        case "-t", "--tokenizer":
          if (i + 1 < args.length) spec = args[++i];
          break;
        case "--threads":
          if (i + 1 < args.length) threads = args[++i];
          break;
        default:
          if (arg.startsWith("--tokenizer=")) spec = arg.substring("--tokenizer=".length());
          else if (arg.startsWith("--threads=")) threads = arg.substring("--threads=".length());
      }
    }
    if (spec == null || threads(threads) < 2 || !loadable(spec)) return null;
    return PendingTokenizer.start(spec, TokenizerOption.userCache());
  }

  /** The threads {@code --threads} asks for ({@code null}: the default), or 0 when it is no number. */
  private static int threads(String value) {
    if (value == null) return ThreadsOption.defaultCount();
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Whether {@code spec} names a tokenizer {@link dev.toksmith.Tokenizers#load} takes (not a word-pooled one). */
  private static boolean loadable(String spec) {
    try {
      return !(TokenizerSpec.parse(spec) instanceof TokenizerSpec.WordPooled);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
