/** Glyph fonts (Unifont .hex, TrueType/OpenType through Java2D) and frozen visual embeddings (internal). */
package dev.toksmith.vocab.glyphs;
