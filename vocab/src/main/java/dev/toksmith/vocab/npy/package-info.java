/** NumPy {@code .npy} files, the tensor format toksmith writes for Python training loops (internal). */
package dev.toksmith.vocab.npy;
