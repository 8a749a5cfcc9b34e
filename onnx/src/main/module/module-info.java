/**
 * Neural causal language models exported by Hugging Face Optimum, run through ONNX Runtime, as a
 * {@code dev.toksmith.api.TokenLanguageModel}. The only toksmith module with a native library.
 */
module dev.toksmith.onnx {
  requires dev.toksmith.vocab;
  requires com.microsoft.onnxruntime;
  requires com.fasterxml.jackson.databind;
  requires it.unimi.dsi.fastutil.core;

  exports dev.toksmith.onnx;
}
