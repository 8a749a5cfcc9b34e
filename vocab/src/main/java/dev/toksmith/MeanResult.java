package dev.toksmith;

/**
 * The unweighted mean over datasets of each per-dataset ratio of a {@link DatasetResult}, as the KL3M
 * paper averages: every dataset counts the same whatever its size. Each mean is taken of the ratios
 * themselves, so {@code charactersPerToken} is not {@code 1 / tokensPerCharacter}.
 *
 * <pre>{@code
 * MeanResult mean = comparison.results().mean("gpt2");   // every dataset weighs the same
 * double tpc = mean.tokensPerCharacter();
 * }</pre>
 *
 * @param tokenizer the tokenizer's name
 * @param datasets how many datasets were averaged
 */
public record MeanResult(
    String tokenizer,
    int datasets,
    double tokensPerCharacter,
    double tokensPerWord,
    double charactersPerToken,
    double bytesPerToken,
    double fallbackShare) {}
