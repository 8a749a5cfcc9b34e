/**
 * toksmith's entry points: load tokenizers by spec ({@link dev.toksmith.Tokenizers}, {@link
 * dev.toksmith.TokenizerSpec}) and save them; read corpora ({@link dev.toksmith.Corpus}); train
 * (byte-level BPE, KL3M-style domain BPE, WordPiece, WordLevel, SentencePiece, Unicode n-grams),
 * also from word counts made elsewhere ({@link dev.toksmith.WordCounts}); encode a text too long to
 * hold ({@link dev.toksmith.StreamingEncoder}); compare tokenizers ({@link
 * dev.toksmith.TokenizerComparison}, {@link dev.toksmith.TermFertility}, {@link
 * dev.toksmith.VocabularyOverlap}, {@link dev.toksmith.BoundaryConsistency}); read language models
 * byte by byte ({@link dev.toksmith.LanguageModels}, {@link dev.toksmith.TokenizedModel}), train,
 * save and load n-gram ones ({@link dev.toksmith.NgramModel}, {@link dev.toksmith.LanguageModelFile}).
 * What they take and give are the contracts and values of {@code dev.toksmith.api} and the values
 * here. Internal packages never import this one.
 *
 * <pre>{@code
 * Tokenizer tok = Tokenizers.load("o200k_base");
 * Tokenizer trained = ByteLevelBpeTrainer.builder().vocabSize(8000).build().train(Corpus.of("corpus/")).tokenizer();
 * Tokenizers.save(trained, Path.of("tokenizer.json"));
 * }</pre>
 */
package dev.toksmith;
