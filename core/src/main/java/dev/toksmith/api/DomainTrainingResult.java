package dev.toksmith.api;

/**
 * What domain training produced and read. The vocabulary is the BPE model (special, byte and merged
 * tokens), then the custom tokens it did not learn, then the padding.
 *
 * @param tokenizer the trained tokenizer
 * @param corpus what was read
 * @param distinctWords distinct pre-tokenized words the merges were learned from
 * @param merges merges kept
 * @param customAdded custom tokens added on top of the BPE model
 * @param customLearned custom tokens the BPE model learned itself (counted once)
 * @param padding whitespace-run tokens added to reach the size
 *
 * <pre>{@code
 * DomainTrainingResult r = DomainBpeTrainer.kl3m().vocabSize(32768).build().train(Corpus.of("corpus/"));
 * System.out.println(r.merges() + " merges, " + r.customAdded() + " custom tokens, " + r.padding() + " padding");
 * }</pre>
 */
public record DomainTrainingResult(Tokenizer tokenizer, CorpusStats corpus, long distinctWords, int merges, int customAdded, int customLearned, int padding) {}
