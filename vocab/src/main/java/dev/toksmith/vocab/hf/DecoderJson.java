package dev.toksmith.vocab.hf;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.toksmith.core.decoders.BpeDecoder;
import dev.toksmith.core.decoders.ByteFallbackDecoder;
import dev.toksmith.core.decoders.ByteLevelDecoder;
import dev.toksmith.core.decoders.CtcDecoder;
import dev.toksmith.core.decoders.Decoder;
import dev.toksmith.core.decoders.DecoderSequence;
import dev.toksmith.core.decoders.FuseDecoder;
import dev.toksmith.core.decoders.MetaspaceDecoder;
import dev.toksmith.core.decoders.ReplaceDecoder;
import dev.toksmith.core.decoders.StripDecoder;
import dev.toksmith.core.decoders.WordPieceDecoder;
import dev.toksmith.vocab.TokenizerFormatException;
import java.io.IOException;
import java.util.Set;

/**
 * tokenizer.json's {@code decoder}: every decoder toksmith runs, registered with Hugging Face's type
 * name, reader and writer. Fields are required exactly where Hugging Face 0.21 requires them (its
 * decoders have no defaults), and written as it writes them.
 */
final class DecoderJson {
  private DecoderJson() {}

  static final ComponentRegistry<Decoder, StageReader<Decoder>> COMPONENTS = new ComponentRegistry<Decoder, StageReader<Decoder>>("decoder", Decoder::describe)
      .add(ByteLevelDecoder.TYPE, ByteLevelDecoder.class, (o, stages) -> {
        o.allowOnly(StageFields.BYTE_LEVEL_FIELDS);
        // Required by the reference although decoding ignores them.
        o.requiredBool("add_prefix_space");
        o.requiredBool("trim_offsets");
        o.optionalBool("use_regex", true);
        return ByteLevelDecoder.INSTANCE;
      }, (g, d, stages) -> StageFields.writeByteLevel(g, true, true, true)) // the decoder ignores them; Hugging Face writes its defaults
      .add(MetaspaceDecoder.TYPE, MetaspaceDecoder.class, (o, stages) -> new MetaspaceDecoder(StageFields.metaspace(o)),
          (g, m, stages) -> StageFields.writeMetaspace(g, m.settings()))
      .add(WordPieceDecoder.TYPE, WordPieceDecoder.class, (o, stages) -> {
        o.allowOnly(Set.of("type", "prefix", "cleanup"));
        return new WordPieceDecoder(o.string("prefix"), o.requiredBool("cleanup"));
      }, (g, w, stages) -> {
        g.writeStringField("prefix", w.prefix());
        g.writeBooleanField("cleanup", w.cleanup());
      })
      .add(BpeDecoder.TYPE, BpeDecoder.class, (o, stages) -> {
        o.allowOnly(Set.of("type", "suffix"));
        return new BpeDecoder(o.string("suffix"));
      }, (g, b, stages) -> g.writeStringField("suffix", b.suffix()))
      .addConstant(ByteFallbackDecoder.INSTANCE)
      .addConstant(FuseDecoder.INSTANCE)
      .add(StripDecoder.TYPE, StripDecoder.class, (o, stages) -> {
        o.allowOnly(Set.of("type", "content", "start", "stop"));
        return new StripDecoder(o.character("content"), o.count("start"), o.count("stop"));
      }, (g, s, stages) -> {
        g.writeStringField("content", Character.toString(s.content()));
        g.writeNumberField("start", s.start());
        g.writeNumberField("stop", s.stop());
      })
      .add(ReplaceDecoder.TYPE, ReplaceDecoder.class, (o, stages) -> StageFields.replace(o, false, ReplaceDecoder::new),
          (g, r, stages) -> StageFields.writeReplace(g, r.isRegex(), r.patternText(), r.content()))
      .add(CtcDecoder.TYPE, CtcDecoder.class, (o, stages) -> {
        o.allowOnly(Set.of("type", "pad_token", "word_delimiter_token", "cleanup"));
        return new CtcDecoder(o.string("pad_token"), o.string("word_delimiter_token"), o.requiredBool("cleanup"));
      }, (g, c, stages) -> {
        g.writeStringField("pad_token", c.padToken());
        g.writeStringField("word_delimiter_token", c.wordDelimiterToken());
        g.writeBooleanField("cleanup", c.cleanup());
      })
      .add(DecoderSequence.TYPE, DecoderSequence.class, (o, stages) -> {
        o.allowOnly(Set.of("type", "decoders"));
        return new DecoderSequence(stages.readList(o, "decoders"));
      }, (g, seq, stages) -> stages.writeList(g, "decoders", seq.decoders()));

  static Decoder read(JsonPath o) throws TokenizerFormatException {
    return COMPONENTS.read(o, o.string("type"), DecoderJson::read);
  }

  static void write(JsonGenerator g, Decoder d) throws IOException {
    COMPONENTS.write(g, d);
  }
}
