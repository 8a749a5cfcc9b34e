package dev.toksmith.api;

/**
 * Hears how far {@link DocumentSource#read} has come, measured in bytes of the inputs as stored (compressed
 * bytes for compressed files), so that it compares with {@link DocumentSource#knownSizeBytes()}.
 *
 * <p>Called on the reading thread, with {@code done} never decreasing: at most about once per MiB read
 * and once more when reading has finished.
 *
 * <pre>{@code
 * ReadProgress percent = (done, total) -> System.err.printf("\r%d%%", total > 0 ? 100 * done / total : 0);
 * Corpus.of("corpus/").read(sink, percent);
 * }</pre>
 */
@FunctionalInterface
public interface ReadProgress {

  /** Ignores progress. */
  ReadProgress NONE = (done, total) -> {};

  /**
   * Reports progress.
   *
   * @param done bytes read so far from the inputs as stored
   * @param total {@link DocumentSource#knownSizeBytes()} of the corpus being read: -1 when unknown
   */
  void bytesRead(long done, long total);
}
