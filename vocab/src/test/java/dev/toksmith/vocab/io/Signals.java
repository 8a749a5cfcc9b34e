package dev.toksmith.vocab.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What tests that stop a JVM by a signal need to know about this one's signals. */
public final class Signals {
  /** SIGINT's number on Linux. */
  public static final int SIGINT = 2;

  private Signals() {}

  /**
   * Whether this process ignores {@code signal}, as a process started in the background without job
   * control ({@code cmd &} in a script) ignores SIGINT, and so do the JVMs a test starts: then the
   * signal cannot stop them. Read from {@code /proc/self/status}; false where there is none.
   */
  public static boolean ignored(int signal) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("SigIgn:")) return (Long.parseUnsignedLong(line.substring(7).strip(), 16) >>> (signal - 1) & 1) == 1;
      }
    } catch (IOException | RuntimeException e) {
      // No /proc: not Linux; assume the signal is handled as usual.
    }
    return false;
  }
}
