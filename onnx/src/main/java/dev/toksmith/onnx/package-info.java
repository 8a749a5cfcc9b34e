/**
 * Neural causal language models exported to ONNX, run on the CPU through ONNX Runtime, as toksmith
 * token language models: {@link dev.toksmith.onnx.OnnxLanguageModel} reads a Hugging Face Optimum
 * export directory and reuses the model's key/value cache across the contexts a session reads. The
 * only toksmith module with native code; the core does not depend on it.
 */
package dev.toksmith.onnx;
