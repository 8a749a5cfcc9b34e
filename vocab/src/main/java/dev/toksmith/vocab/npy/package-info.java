/**
 * Exported: NumPy {@code .npy} files and safetensors, the tensor formats toksmith writes for Python
 * training loops, and the {@code .npy} directory of a word-pooled batch ({@link
 * dev.toksmith.vocab.npy.WordPooledArrays}).
 *
 * <pre>{@code
 * WordPooledArrays.write(WordPooledTokenizers.bytes(16, 0).encodeBatch(texts), Path.of("batch"));
 * }</pre>
 */
package dev.toksmith.vocab.npy;
