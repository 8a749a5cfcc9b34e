/**
 * toksmith's file formats and entry points: load a tokenizer by spec, path or name, train, compare,
 * write. Library users import {@code dev.toksmith.api} (from {@code dev.toksmith.core}, which this
 * module reads transitively), this module's entry-point package, its exported format packages and
 * the file plumbing its writers share ({@code dev.toksmith.vocab.io}).
 */
module dev.toksmith.vocab {
  requires transitive dev.toksmith.core;
  requires com.fasterxml.jackson.databind;
  requires it.unimi.dsi.fastutil.core;
  requires java.desktop;

  exports dev.toksmith;
  exports dev.toksmith.vocab;
  exports dev.toksmith.vocab.glyphs;
  exports dev.toksmith.vocab.io;
  exports dev.toksmith.vocab.npy;
  exports dev.toksmith.vocab.terms;
}
