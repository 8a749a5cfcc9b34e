package dev.toksmith.api;

/**
 * Receives the documents of a {@link DocumentSource}, one call per document, in corpus order.
 *
 * <pre>{@code
 * LongAdder characters = new LongAdder();
 * DocumentSink sink = document -> characters.add(document.length());
 * Corpus.of("corpus/").read(sink, ReadProgress.NONE);
 * }</pre>
 */
@FunctionalInterface
public interface DocumentSink {

  /**
   * Takes one document: a line of plain text including its trailing {@code "\n"}, or the field value
   * of one JSON line. See {@code dev.toksmith.Corpus} for the exact rules.
   */
  void accept(String document);
}
