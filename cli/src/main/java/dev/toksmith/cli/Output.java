package dev.toksmith.cli;

import dev.toksmith.vocab.io.NamedOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Standard output or standard error as commands write to them: bytes, and text as UTF-8. Unlike a
 * {@link java.io.PrintStream}, which swallows failures, every failed write throws an IOException that
 * names the stream ("cannot write to standard output (No space left on device)"), and the first
 * failure is remembered, so that a failure in a write that could not throw (picocli's help, progress)
 * still ends the run with an error ({@link Main#run}).
 */
public final class Output extends OutputStream {
  private final NamedOutputStream named;
  private final OutputStream out;
  private final boolean flushEachPrint;
  private volatile IOException failure;

  /**
   * @param name how failures name the stream
   * @param flushEachPrint flush after every print (for standard error, whose lines should show at once)
   */
  Output(OutputStream out, String name, boolean flushEachPrint) {
    this.named = new NamedOutputStream(out, name);
    this.out = new BufferedOutputStream(named, 1 << 16);
    this.flushEachPrint = flushEachPrint;
  }

  /** The stream's name, as failures give it. */
  public String name() {
    return named.name();
  }

  /** The first write that failed, or null. */
  public IOException failure() {
    return failure;
  }

  @Override
  public void write(int b) throws IOException {
    try {
      out.write(b);
    } catch (IOException e) {
      throw failed(e);
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    try {
      out.write(b, off, len);
    } catch (IOException e) {
      throw failed(e);
    }
  }

  @Override
  public void flush() throws IOException {
    try {
      out.flush();
    } catch (IOException e) {
      throw failed(e);
    }
  }

  /** Flushes; nothing to release (the standard streams stay open). */
  @Override
  public void close() throws IOException {
    flush();
  }

  public void print(String text) throws IOException {
    write(text.getBytes(StandardCharsets.UTF_8));
    if (flushEachPrint) flush();
  }

  public void println(String line) throws IOException {
    print(line + "\n");
  }

  public void println() throws IOException {
    print("\n");
  }

  public void printf(Locale locale, String format, Object... args) throws IOException {
    print(String.format(locale, format, args));
  }

  /**
   * Prints where no IOException may escape (a progress callback): a failure is only remembered, and
   * ends the run once the command returns.
   */
  public void printQuietly(String text) {
    try {
      print(text);
    } catch (IOException e) {
      // Remembered in failure().
    }
  }

  private IOException failed(IOException e) {
    if (failure == null) failure = e;
    return e;
  }
}
