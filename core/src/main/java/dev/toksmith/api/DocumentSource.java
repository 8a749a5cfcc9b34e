package dev.toksmith.api;

import java.io.IOException;

/**
 * Documents to read in order, as trainers and counters take them. {@code dev.toksmith.Corpus} is the
 * one that reads files, directories, archives, JSON lines and standard input; the internals take this
 * interface, so they never depend on it.
 *
 * <pre>{@code
 * DocumentSource source = Corpus.of("corpus/");
 * LongAdder characters = new LongAdder();
 * CorpusStats stats = source.read(document -> characters.add(document.length()), ReadProgress.NONE);
 * }</pre>
 */
public interface DocumentSource {
  /**
   * Hands every document to {@code sink}, in order, on the calling thread.
   *
   * @param progress hears how many bytes of the inputs (as stored) were read
   * @return what was read
   * @throws CorpusException if an input cannot be read as text
   */
  CorpusStats read(DocumentSink sink, ReadProgress progress) throws IOException;

  /** The total size in bytes of the inputs as stored, or -1 when unknown (standard input, streams). */
  long knownSizeBytes();
}
