package dev.toksmith.cli;

/**
 * Progress lines on standard error, redrawn in place, at most every 200 ms; silent off a terminal.
 * "reading" counts bytes; other phases count their own steps (merges, pieces, training rounds), or
 * show only their name while their total is unknown and nothing is done.
 */
final class Progress {
  private final Output err;
  private final boolean enabled;
  private long lastDraw;
  private boolean drawn;

  Progress(Output err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  void update(String phase, long done, long total) {
    if (!enabled) return;
    long now = System.nanoTime();
    if (drawn && now - lastDraw < 200_000_000L && done != total) return;
    lastDraw = now;
    drawn = true;
    String amount = phase.equals("reading") ? megabytes(done) + (total > 0 ? " / " + megabytes(total) : "")
        : done == 0 && total < 0 ? "" : done + (total > 0 ? " / " + total : "");
    String percent = total > 0 ? String.format(" %3d%%", Math.min(100, done * 100 / total)) : "";
    err.printQuietly("\r\033[K" + phase + percent + "  " + amount);
  }

  /** Ends the progress line so later output starts on a fresh line. */
  void finish() {
    if (enabled && drawn) {
      err.printQuietly("\r\033[K");
    }
    drawn = false;
  }

  private static String megabytes(long bytes) {
    return String.format("%.1f MB", bytes / 1e6);
  }
}
