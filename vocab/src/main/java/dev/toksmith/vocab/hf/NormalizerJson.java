package dev.toksmith.vocab.hf;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.toksmith.core.normalizers.BertNormalizer;
import dev.toksmith.core.normalizers.Lowercase;
import dev.toksmith.core.normalizers.Nfc;
import dev.toksmith.core.normalizers.Nfd;
import dev.toksmith.core.normalizers.Nfkc;
import dev.toksmith.core.normalizers.Nfkd;
import dev.toksmith.core.normalizers.Nmt;
import dev.toksmith.core.normalizers.Normalizer;
import dev.toksmith.core.normalizers.NormalizerSequence;
import dev.toksmith.core.normalizers.Precompiled;
import dev.toksmith.core.normalizers.PrecompiledCharsmap;
import dev.toksmith.core.normalizers.Prepend;
import dev.toksmith.core.normalizers.Replace;
import dev.toksmith.core.normalizers.Strip;
import dev.toksmith.core.normalizers.StripAccents;
import dev.toksmith.vocab.TokenizerFormatException;
import java.io.IOException;
import java.util.Base64;
import java.util.Set;

/**
 * tokenizer.json's {@code normalizer}: every normalizer toksmith runs, registered with Hugging Face's
 * type name, reader and writer. Fields the reference requires are required here too; BertNormalizer's
 * {@code strip_accents} may be null or absent (strip exactly when lowercasing).
 */
final class NormalizerJson {
  private NormalizerJson() {}

  static final ComponentRegistry<Normalizer, StageReader<Normalizer>> COMPONENTS = new ComponentRegistry<Normalizer, StageReader<Normalizer>>("normalizer", Normalizer::describe)
      .addConstant(Nfc.INSTANCE)
      .addConstant(Nfd.INSTANCE)
      .addConstant(Nfkc.INSTANCE)
      .addConstant(Nfkd.INSTANCE)
      .addConstant(Lowercase.INSTANCE)
      .addConstant(StripAccents.INSTANCE)
      .addConstant(Nmt.INSTANCE)
      .add(NormalizerSequence.TYPE, NormalizerSequence.class, (o, stages) -> {
        o.allowOnly(Set.of("type", "normalizers"));
        return new NormalizerSequence(stages.readList(o, "normalizers"));
      }, (g, seq, stages) -> stages.writeList(g, "normalizers", seq.stages()))
      .add(Strip.TYPE, Strip.class, (o, stages) -> {
        o.allowOnly(Set.of("type", "strip_left", "strip_right"));
        return new Strip(o.requiredBool("strip_left"), o.requiredBool("strip_right"));
      }, (g, strip, stages) -> {
        g.writeBooleanField("strip_left", strip.stripLeft());
        g.writeBooleanField("strip_right", strip.stripRight());
      })
      .add(Prepend.TYPE, Prepend.class, (o, stages) -> {
        o.allowOnly(Set.of("type", "prepend"));
        return new Prepend(o.string("prepend"));
      }, (g, prepend, stages) -> g.writeStringField("prepend", prepend.prefix()))
      .add(Replace.TYPE, Replace.class, (o, stages) -> StageFields.replace(o, true, Replace::new),
          (g, replace, stages) -> StageFields.writeReplace(g, replace.isRegex(), replace.pattern(), replace.content()))
      .add(BertNormalizer.TYPE, BertNormalizer.class, (o, stages) -> {
        o.allowOnly(Set.of("type", "clean_text", "handle_chinese_chars", "strip_accents", "lowercase"));
        Boolean stripAccents = o.has("strip_accents") ? o.bool("strip_accents", false) : null;
        return new BertNormalizer(o.requiredBool("clean_text"), o.requiredBool("handle_chinese_chars"), stripAccents, o.requiredBool("lowercase"));
      }, NormalizerJson::writeBert)
      .add(Precompiled.TYPE, Precompiled.class, NormalizerJson::readPrecompiled, NormalizerJson::writePrecompiled);

  static Normalizer read(JsonPath o) throws TokenizerFormatException {
    return COMPONENTS.read(o, o.string("type"), NormalizerJson::read);
  }

  static void write(JsonGenerator g, Normalizer n) throws IOException {
    COMPONENTS.write(g, n);
  }

  private static void writeBert(JsonGenerator g, BertNormalizer bert, StageWriter<Normalizer> stages) throws IOException {
    g.writeBooleanField("clean_text", bert.cleanText());
    g.writeBooleanField("handle_chinese_chars", bert.handleChineseChars());
    if (bert.stripAccents() == null) g.writeNullField("strip_accents");
    else g.writeBooleanField("strip_accents", bert.stripAccents());
    g.writeBooleanField("lowercase", bert.lowercase());
  }

  private static Normalizer readPrecompiled(JsonPath o, StageReader<Normalizer> stages) throws TokenizerFormatException {
    o.allowOnly(Set.of("type", "precompiled_charsmap"));
    String field = o.child("precompiled_charsmap");
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(o.string("precompiled_charsmap"));
    } catch (IllegalArgumentException e) {
      throw JsonPath.error(field, "not base64: " + e.getMessage());
    }
    try {
      return new Precompiled(PrecompiledCharsmap.parse(bytes), Precompiled.Mode.HUGGING_FACE);
    } catch (IllegalArgumentException e) {
      throw JsonPath.error(field, e.getMessage());
    }
  }

  private static void writePrecompiled(JsonGenerator g, Precompiled precompiled, StageWriter<Normalizer> stages) throws IOException {
    if (precompiled.mode() != Precompiled.Mode.HUGGING_FACE) {
      throw new TokenizerFormatException("tokenizer.json has no SentencePiece-mode Precompiled normalizer");
    }
    g.writeStringField("precompiled_charsmap", Base64.getEncoder().encodeToString(precompiled.charsmap().bytes()));
  }
}
