package dev.toksmith.api;

/**
 * Hears how far {@link Corpus#read} has come, measured in bytes of the inputs as stored (compressed
 * bytes for compressed files), so that it compares with {@link Corpus#knownSizeBytes()}.
 *
 * <p>Called on the reading thread, with {@code done} never decreasing: at most about once per MiB read
 * and once more when reading has finished.
 */
@FunctionalInterface
public interface ReadProgress {

  /** Ignores progress. */
  ReadProgress NONE = (done, total) -> {};

  /**
   * Reports progress.
   *
   * @param done bytes read so far from the inputs as stored
   * @param total {@link Corpus#knownSizeBytes()} of the corpus being read: -1 when unknown
   */
  void bytesRead(long done, long total);
}
