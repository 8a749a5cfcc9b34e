package dev.toksmith.api;

/**
 * What a {@code dev.toksmith.SentencePieceTrainer} produced and read.
 *
 * @param tokenizer the trained model, run as SentencePiece runs it; {@code Tokenizers.save} writes it
 *     as a SentencePiece {@code .model} or as tokenizer.json
 * @param corpus what was read; for training from counts, no documents and no bytes
 * @param sentences sentences trained on (after sampling, skipping and normalization)
 * @param skippedSentences sentences skipped for being too long or holding U+2585
 * @param distinctWords distinct words trained on, after rare characters became unknown
 * @param characters characters kept by the character coverage (the others are unknown)
 * @param coverage the share of character occurrences those characters cover
 *
 * <pre>{@code
 * SentencePieceTrainingResult r = SentencePieceTrainer.unigram().vocabSize(8000).build().train(Corpus.of("corpus/"));
 * System.out.printf("%d sentences, %.4f character coverage%n", r.sentences(), r.coverage());
 * Tokenizers.save(r.tokenizer(), Path.of("m.model"));
 * }</pre>
 */
public record SentencePieceTrainingResult(Tokenizer tokenizer, CorpusStats corpus, long sentences, long skippedSentences, long distinctWords,
    int characters, double coverage) {}
