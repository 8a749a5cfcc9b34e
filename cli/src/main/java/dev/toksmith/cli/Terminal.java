package dev.toksmith.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether standard error is a terminal, which decides if progress is shown. */
final class Terminal {
  private Terminal() {}

  static boolean isStderrTerminal() {
    // The launcher knows for sure ([ -t 2 ]) and says so; otherwise ask Linux, then the JDK.
    String told = System.getProperty("toksmith.stderr.tty");
    if (told != null) return told.equals("true");
    try {
      Path target = Files.readSymbolicLink(Path.of("/proc/self/fd/2"));
      return target.toString().startsWith("/dev/pts/") || target.toString().startsWith("/dev/tty");
    } catch (Exception e) {
      return System.console() != null;
    }
  }
}
