package dev.toksmith;

import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.concurrent.Alongside;
import java.io.IOException;

/**
 * A tokenizer loading on a thread of its own while the caller gets on with something else (parsing
 * the rest of its command line, opening its input), for a program whose start would otherwise wait
 * for both in turn. {@link #join} gives what {@link Tokenizers#load(String, TokenizerCache)} would
 * have given or thrown; {@link #cancel} gives the load up and returns once its thread has ended, so no
 * loading outlives the program's decision not to use it. On one processor the load runs on the
 * caller's thread when {@link #join} asks for it, and never when it is cancelled first.
 *
 * <pre>{@code
 * PendingTokenizer pending = PendingTokenizer.start("o200k_base", null);
 * InputStream in = openInput();           // meanwhile
 * Tokenizer tok = pending.join();
 * }</pre>
 *
 * <p>Not thread-safe: one thread starts, joins or cancels it.
 */
public final class PendingTokenizer {
  private final String spec;
  private final Alongside.Started<Tokenizer, IOException> load;

  private PendingTokenizer(String spec, TokenizerCache cache) {
    this.spec = spec;
    this.load = Alongside.start(() -> Tokenizers.load(spec, cache));
  }

  /** Starts loading the tokenizer {@code spec} names, with {@code cache} as {@link Tokenizers#load(String, TokenizerCache)} takes it. */
  public static PendingTokenizer start(String spec, TokenizerCache cache) {
    return new PendingTokenizer(spec, cache);
  }

  /** The spec being loaded. */
  public String spec() {
    return spec;
  }

  /**
   * Waits for the tokenizer and returns it.
   *
   * @throws IOException as {@link Tokenizers#load(String, TokenizerCache)} throws it (an unchecked
   *     failure of the load is thrown as it was too)
   * @throws java.util.concurrent.CancellationException if it was cancelled
   * @throws IllegalStateException if this thread is interrupted while it waits (the load is then given up)
   */
  public Tokenizer join() throws IOException {
    return load.join();
  }

  /** Gives the load up: interrupts it and returns once it has ended; its result or failure is dropped. */
  public void cancel() {
    load.cancel();
  }
}
