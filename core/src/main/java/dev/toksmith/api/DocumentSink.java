package dev.toksmith.api;

/** Receives the documents of a {@link DocumentSource}, one call per document, in corpus order. */
@FunctionalInterface
public interface DocumentSink {

  /**
   * Takes one document: a line of plain text including its trailing {@code "\n"}, or the field value
   * of one JSON line. See {@code dev.toksmith.Corpus} for the exact rules.
   */
  void accept(String document);
}
