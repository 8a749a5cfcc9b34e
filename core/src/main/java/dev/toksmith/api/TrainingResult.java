package dev.toksmith.api;

/**
 * What training produced and read.
 *
 * @param tokenizer the trained tokenizer
 * @param corpus what was read: documents, bytes, invalid UTF-8 sequences replaced
 * @param distinctWords distinct pre-tokenized words the merges were learned from
 * @param merges merges learned
 *
 * <pre>{@code
 * TrainingResult r = ByteLevelBpeTrainer.builder().vocabSize(8000).build().train(Corpus.of("corpus/"));
 * System.out.println(r.merges() + " merges from " + r.distinctWords() + " words in " + r.corpus().bytes() + " bytes");
 * Tokenizers.save(r.tokenizer(), Path.of("tokenizer.json"));
 * }</pre>
 */
public record TrainingResult(Tokenizer tokenizer, CorpusStats corpus, long distinctWords, int merges) {}
