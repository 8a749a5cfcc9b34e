/**
 * toksmith's algorithms. Library users import {@code dev.toksmith.api} (contracts and values) from
 * here and the entry points from the {@code dev.toksmith.vocab} module; every other package is internal
 * and open only to the toksmith modules that build on it.
 */
module dev.toksmith.core {
  requires it.unimi.dsi.fastutil.core;
  requires org.apache.commons.compress;

  exports dev.toksmith.api;
  exports dev.toksmith.core to dev.toksmith.vocab;
  exports dev.toksmith.core.concurrent to dev.toksmith.vocab;
  exports dev.toksmith.core.corpus to dev.toksmith.vocab;
  exports dev.toksmith.core.decoders to dev.toksmith.vocab;
  exports dev.toksmith.core.linalg to dev.toksmith.vocab;
  exports dev.toksmith.core.lm to dev.toksmith.vocab;
  exports dev.toksmith.core.merging to dev.toksmith.vocab;
  exports dev.toksmith.core.models to dev.toksmith.vocab;
  exports dev.toksmith.core.models.bpe to dev.toksmith.vocab;
  exports dev.toksmith.core.models.sentencepiece to dev.toksmith.vocab;
  exports dev.toksmith.core.models.tiktoken to dev.toksmith.vocab;
  exports dev.toksmith.core.models.unicode to dev.toksmith.vocab;
  exports dev.toksmith.core.models.unigram to dev.toksmith.vocab;
  exports dev.toksmith.core.models.wordlevel to dev.toksmith.vocab;
  exports dev.toksmith.core.models.wordpiece to dev.toksmith.vocab;
  exports dev.toksmith.core.normalizers to dev.toksmith.vocab;
  exports dev.toksmith.core.presets to dev.toksmith.vocab;
  exports dev.toksmith.core.pretokenizers to dev.toksmith.vocab;
  exports dev.toksmith.core.processors to dev.toksmith.vocab;
  exports dev.toksmith.core.text to dev.toksmith.vocab;
  exports dev.toksmith.core.unicode to dev.toksmith.vocab;
  exports dev.toksmith.core.wordpooled to dev.toksmith.vocab;
}
