package dev.toksmith.api;

/**
 * What training produced and read.
 *
 * @param tokenizer the trained tokenizer
 * @param corpus what was read: documents, bytes, invalid UTF-8 sequences replaced
 * @param distinctWords distinct pre-tokenized words the merges were learned from
 * @param merges merges learned
 */
public record TrainingResult(Tokenizer tokenizer, CorpusStats corpus, long distinctWords, int merges) {}
