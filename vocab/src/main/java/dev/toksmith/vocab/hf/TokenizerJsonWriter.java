package dev.toksmith.vocab.hf;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import dev.toksmith.core.AddedToken;
import dev.toksmith.core.Pipeline;
import dev.toksmith.core.decoders.ByteLevelDecoder;
import dev.toksmith.core.decoders.Decoder;
import dev.toksmith.core.models.Model;
import dev.toksmith.core.models.bpe.BpeModel;
import dev.toksmith.core.normalizers.Normalizer;
import dev.toksmith.core.normalizers.NormalizerSequence;
import dev.toksmith.core.normalizers.Normalizers;
import dev.toksmith.core.pretokenizers.ByteLevel;
import dev.toksmith.core.pretokenizers.PreTokenizer;
import dev.toksmith.core.pretokenizers.PreTokenizerSequence;
import dev.toksmith.core.pretokenizers.Split;
import dev.toksmith.core.pretokenizers.SplitBehavior;
import dev.toksmith.core.processors.ByteLevelProcessor;
import dev.toksmith.core.processors.PostProcessor;
import dev.toksmith.core.processors.TemplateProcessing;
import dev.toksmith.vocab.TokenizerFormatException;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a {@link Pipeline} as Hugging Face tokenizer.json, field order and defaults as the
 * reference writes them, pretty-printed. Merges use the legacy {@code "left right"} strings when no
 * token holds a space, which every Hugging Face version reads, and {@code ["left", "right"]} pairs
 * otherwise.
 */
public final class TokenizerJsonWriter {
  private static final JsonFactory JSON = new JsonFactory();

  private TokenizerJsonWriter() {}

  public static void write(Pipeline pipeline, OutputStream out) throws IOException {
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      DefaultPrettyPrinter pretty = new DefaultPrettyPrinter(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
          .withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n"));
      g.setPrettyPrinter(pretty);
      g.writeStartObject();
      g.writeStringField("version", "1.0");
      g.writeNullField("truncation");
      g.writeNullField("padding");
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
      normalizer(g, pipeline.normalizer());
      g.writeFieldName("pre_tokenizer");
      preTokenizer(g, pipeline.preTokenizer());
      g.writeFieldName("post_processor");
      postProcessor(g, pipeline.postProcessor());
      g.writeFieldName("decoder");
      decoder(g, pipeline.decoder());
      g.writeFieldName("model");
      model(g, pipeline.model());
      g.writeEndObject();
      g.writeRaw('\n');
    }
  }

  private static void normalizer(JsonGenerator g, Normalizer n) throws IOException {
    if (n == null) {
      g.writeNull();
    } else if (n instanceof NormalizerSequence seq) {
      g.writeStartObject();
      g.writeStringField("type", "Sequence");
      g.writeArrayFieldStart("normalizers");
      for (Normalizer stage : seq.stages()) normalizer(g, stage);
      g.writeEndArray();
      g.writeEndObject();
    } else {
      g.writeStartObject();
      g.writeStringField("type", Normalizers.huggingFaceType(n));
      g.writeEndObject();
    }
  }

  private static void preTokenizer(JsonGenerator g, PreTokenizer p) throws IOException {
    if (p == null) {
      g.writeNull();
    } else if (p instanceof ByteLevel b) {
      byteLevel(g, b.addPrefixSpace(), b.trimOffsets(), b.useRegex());
    } else if (p instanceof Split s) {
      g.writeStartObject();
      g.writeStringField("type", "Split");
      g.writeObjectFieldStart("pattern");
      g.writeStringField(s.isRegex() ? "Regex" : "String", s.patternText());
      g.writeEndObject();
      g.writeStringField("behavior", behaviorName(s.behavior()));
      g.writeBooleanField("invert", s.invert());
      g.writeEndObject();
    } else if (p instanceof PreTokenizerSequence seq) {
      g.writeStartObject();
      g.writeStringField("type", "Sequence");
      g.writeArrayFieldStart("pretokenizers");
      for (PreTokenizer stage : seq.stages()) preTokenizer(g, stage);
      g.writeEndArray();
      g.writeEndObject();
    } else {
      throw new TokenizerFormatException("cannot write pre-tokenizer " + p.getClass().getSimpleName());
    }
  }

  private static String behaviorName(SplitBehavior b) {
    return switch (b) {
      case REMOVED -> "Removed";
      case ISOLATED -> "Isolated";
      case MERGED_WITH_PREVIOUS -> "MergedWithPrevious";
      case MERGED_WITH_NEXT -> "MergedWithNext";
      case CONTIGUOUS -> "Contiguous";
    };
  }

  private static void postProcessor(JsonGenerator g, PostProcessor p) throws IOException {
    if (p == null) {
      g.writeNull();
    } else if (p instanceof ByteLevelProcessor b) {
      byteLevel(g, b.addPrefixSpace(), b.trimOffsets(), b.useRegex());
    } else if (p instanceof TemplateProcessing t) {
      g.writeStartObject();
      g.writeStringField("type", "TemplateProcessing");
      template(g, "single", t.single());
      template(g, "pair", t.pair());
      g.writeObjectFieldStart("special_tokens");
      for (TemplateProcessing.SpecialToken s : t.specialTokens().values()) {
        g.writeObjectFieldStart(s.id());
        g.writeStringField("id", s.id());
        g.writeArrayFieldStart("ids");
        for (int id : s.ids()) g.writeNumber(id);
        g.writeEndArray();
        g.writeArrayFieldStart("tokens");
        for (String tok : s.tokens()) g.writeString(tok);
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeEndObject();
    } else {
      throw new TokenizerFormatException("cannot write post-processor " + p.getClass().getSimpleName());
    }
  }

  private static void template(JsonGenerator g, String field, java.util.List<TemplateProcessing.Piece> pieces) throws IOException {
    g.writeArrayFieldStart(field);
    for (TemplateProcessing.Piece p : pieces) {
      g.writeStartObject();
      g.writeObjectFieldStart(p.isSequence() ? "Sequence" : "SpecialToken");
      g.writeStringField("id", p.id());
      g.writeNumberField("type_id", p.typeId());
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void decoder(JsonGenerator g, Decoder d) throws IOException {
    if (d == null) {
      g.writeNull();
    } else if (d instanceof ByteLevelDecoder) {
      // The decoder ignores these settings; Hugging Face writes its defaults.
      byteLevel(g, true, true, true);
    } else {
      throw new TokenizerFormatException("cannot write decoder " + d.getClass().getSimpleName());
    }
  }

  /** ByteLevel serves as pre-tokenizer, post-processor and decoder, always with these fields. */
  private static void byteLevel(JsonGenerator g, boolean addPrefixSpace, boolean trimOffsets, boolean useRegex) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", "ByteLevel");
    g.writeBooleanField("add_prefix_space", addPrefixSpace);
    g.writeBooleanField("trim_offsets", trimOffsets);
    g.writeBooleanField("use_regex", useRegex);
    g.writeEndObject();
  }

  private static void model(JsonGenerator g, Model m) throws IOException {
    if (!(m instanceof BpeModel bpe)) throw new TokenizerFormatException("cannot write model " + m.getClass().getSimpleName());
    g.writeStartObject();
    g.writeStringField("type", "BPE");
    g.writeNullField("dropout");
    nullableString(g, "unk_token", bpe.options().unkToken());
    nullableString(g, "continuing_subword_prefix", bpe.options().continuingSubwordPrefix());
    nullableString(g, "end_of_word_suffix", bpe.options().endOfWordSuffix());
    g.writeBooleanField("fuse_unk", bpe.options().fuseUnk());
    g.writeBooleanField("byte_fallback", bpe.options().byteFallback());
    g.writeBooleanField("ignore_merges", bpe.options().ignoreMerges());
    g.writeObjectFieldStart("vocab");
    for (int id = 0; id < bpe.idBound(); id++) {
      String token = bpe.idToToken(id);
      if (token != null) g.writeNumberField(token, id);
    }
    g.writeEndObject();
    boolean legacy = true;
    for (int id = 0; id < bpe.idBound() && legacy; id++) {
      String token = bpe.idToToken(id);
      if (token != null && token.indexOf(' ') >= 0) legacy = false;
    }
    g.writeArrayFieldStart("merges");
    for (BpeModel.Merge merge : bpe.merges()) {
      String left = bpe.idToToken(merge.left());
      String right = bpe.idToToken(merge.right());
      if (legacy) {
        g.writeString(left + " " + right);
      } else {
        // One pair per line: write the pair compactly between the indented elements.
        g.writeRawValue("[" + jsonString(left) + ", " + jsonString(right) + "]");
      }
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void nullableString(JsonGenerator g, String field, String value) throws IOException {
    if (value == null) g.writeNullField(field);
    else g.writeStringField(field, value);
  }

  private static String jsonString(String s) throws IOException {
    java.io.StringWriter w = new java.io.StringWriter();
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeString(s);
    }
    return w.toString();
  }
}
