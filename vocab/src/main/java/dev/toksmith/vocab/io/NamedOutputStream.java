package dev.toksmith.vocab.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * An output stream that names its target when a write to it fails: "cannot write to tokenizer.json (No
 * space left on device)" rather than the bare reason the operating system gives. Failures that
 * already name their target pass unchanged.
 *
 * <pre>{@code
 * OutputStream out = new NamedOutputStream(Files.newOutputStream(file), file.toString());
 * }</pre>
 */
public class NamedOutputStream extends FilterOutputStream {
  private final String name;

  /** @param name the target as people know it, e.g. {@code "standard output"} or the file as given */
  public NamedOutputStream(OutputStream out, String name) {
    super(out);
    this.name = name;
  }

  /** The target's name, as failures give it. */
  public String name() {
    return name;
  }

  @Override
  public void write(int b) throws IOException {
    try {
      out.write(b);
    } catch (IOException e) {
      throw failure(e);
    }
  }

  /** Whole arrays at once (FilterOutputStream would write them byte by byte). */
  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    try {
      out.write(b, off, len);
    } catch (IOException e) {
      throw failure(e);
    }
  }

  @Override
  public void flush() throws IOException {
    try {
      out.flush();
    } catch (IOException e) {
      throw failure(e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      out.close();
    } catch (IOException e) {
      throw failure(e);
    }
  }

  private IOException failure(IOException e) {
    if (e instanceof WriteFailedException) return e;
    return new WriteFailedException(name, e);
  }

  /** A write to a named target failed; the message names it and says why. */
  public static final class WriteFailedException extends IOException {
    WriteFailedException(String name, IOException cause) {
      super("cannot write to " + name + " (" + reason(cause) + ")", cause);
    }

    private static String reason(IOException e) {
      String message = e.getMessage();
      return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.strip();
    }
  }
}
