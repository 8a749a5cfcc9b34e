/**
 * Exported: glyph fonts (Unifont {@code .hex}, TrueType/OpenType through Java2D) and frozen visual
 * embeddings of a tokenizer's tokens rendered in them.
 *
 * <pre>{@code
 * GlyphEmbeddings glyphs = new GlyphEmbeddings(Tokenizers.load("unicode"), GlyphFonts.open(Path.of("unifont.hex")), 16, PixelOrder.RASTER);
 * glyphs.write(Path.of("glyphs.safetensors"), 64, "unicode");
 * }</pre>
 */
package dev.toksmith.vocab.glyphs;
