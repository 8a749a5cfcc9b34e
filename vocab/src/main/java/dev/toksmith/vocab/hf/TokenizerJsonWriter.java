package dev.toksmith.vocab.hf;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import dev.toksmith.core.AddedToken;
import dev.toksmith.core.StagedTokenizer;
import dev.toksmith.vocab.io.JsonText;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a tokenizer's stages ({@link StagedTokenizer}: normalizer to decoder, added tokens,
 * truncation and padding) as Hugging Face tokenizer.json, field order and defaults as the
 * reference writes them, pretty-printed. Merges use the legacy {@code "left right"} strings when no
 * token holds a space, which every Hugging Face version reads, and {@code ["left", "right"]} pairs
 * otherwise.
 */
public final class TokenizerJsonWriter {
  private static final JsonFactory JSON = JsonText.factory();

  private TokenizerJsonWriter() {}

  public static void write(StagedTokenizer pipeline, OutputStream out) throws IOException {
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      DefaultPrettyPrinter pretty = new DefaultPrettyPrinter(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
          .withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n"));
      g.setPrettyPrinter(pretty);
      g.writeStartObject();
      g.writeStringField("version", "1.0");
      g.writeFieldName("truncation");
      TruncationPaddingJson.writeTruncation(g, pipeline.truncation());
      g.writeFieldName("padding");
      TruncationPaddingJson.writePadding(g, pipeline.padding());
      g.writeArrayFieldStart("added_tokens");
      for (int id : pipeline.addedVocabulary().idsAscending()) {
        AddedToken t = pipeline.addedVocabulary().tokenOf(id);
        g.writeStartObject();
        g.writeNumberField("id", id);
        g.writeStringField("content", t.content());
        g.writeBooleanField("single_word", t.singleWord());
        g.writeBooleanField("lstrip", t.lstrip());
        g.writeBooleanField("rstrip", t.rstrip());
        g.writeBooleanField("normalized", t.normalized());
        g.writeBooleanField("special", t.special());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeFieldName("normalizer");
      NormalizerJson.write(g, pipeline.normalizer());
      g.writeFieldName("pre_tokenizer");
      PreTokenizerJson.write(g, pipeline.preTokenizer());
      g.writeFieldName("post_processor");
      PostProcessorJson.write(g, pipeline.postProcessor());
      g.writeFieldName("decoder");
      DecoderJson.write(g, pipeline.decoder());
      g.writeFieldName("model");
      ModelJson.write(g, pipeline.model());
      g.writeEndObject();
      g.writeRaw('\n');
    }
  }
}
