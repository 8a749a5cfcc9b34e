package dev.toksmith.vocab.hf;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * tokenizer.json's {@code decoder}: reading and writing every decoder toksmith runs. Fields are
 * required exactly where Hugging Face 0.21 requires them (its decoders have no defaults), and written
 * as it writes them.
 */
final class DecoderJson {
  private DecoderJson() {}

  static Decoder read(JsonPath o) throws TokenizerFormatException {
    String type = o.string("type");
    switch (type) {
      case "ByteLevel" -> {
        o.allowOnly(Set.of("type", "add_prefix_space", "trim_offsets", "use_regex"));
        // Required by the reference although decoding ignores them.
        PreTokenizerJson.requiredBool(o, "add_prefix_space");
        PreTokenizerJson.requiredBool(o, "trim_offsets");
        PreTokenizerJson.optionalBool(o, "use_regex", true);
        return ByteLevelDecoder.INSTANCE;
      }
      case "Metaspace" -> {
        return new MetaspaceDecoder(PreTokenizerJson.metaspace(o));
      }
      case "WordPiece" -> {
        o.allowOnly(Set.of("type", "prefix", "cleanup"));
        return new WordPieceDecoder(o.string("prefix"), PreTokenizerJson.requiredBool(o, "cleanup"));
      }
      case "BPEDecoder" -> {
        o.allowOnly(Set.of("type", "suffix"));
        return new BpeDecoder(o.string("suffix"));
      }
      case "ByteFallback", "Fuse" -> {
        o.allowOnly(Set.of("type"));
        return type.equals("Fuse") ? FuseDecoder.INSTANCE : ByteFallbackDecoder.INSTANCE;
      }
      case "Strip" -> {
        o.allowOnly(Set.of("type", "content", "start", "stop"));
        return new StripDecoder(PreTokenizerJson.character(o, "content"), count(o, "start"), count(o, "stop"));
      }
      case "Replace" -> {
        o.allowOnly(Set.of("type", "pattern", "content"));
        PreTokenizerJson.Pattern pattern = PreTokenizerJson.pattern(o);
        String content = o.string("content");
        try {
          return new ReplaceDecoder(pattern.text(), pattern.regex(), content);
        } catch (java.util.regex.PatternSyntaxException e) {
          throw PreTokenizerJson.regexError(o, e);
        }
      }
      case "CTC" -> {
        o.allowOnly(Set.of("type", "pad_token", "word_delimiter_token", "cleanup"));
        return new CtcDecoder(o.string("pad_token"), o.string("word_delimiter_token"), PreTokenizerJson.requiredBool(o, "cleanup"));
      }
      case "Sequence" -> {
        o.allowOnly(Set.of("type", "decoders"));
        JsonNode list = o.array("decoders");
        List<Decoder> decoders = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) decoders.add(read(JsonPath.object(list.get(i), o.child("decoders") + "[" + i + "]")));
        return new DecoderSequence(decoders);
      }
      default -> throw JsonPath.unsupported(o, "decoder", type);
    }
  }

  /** A non-negative count (Rust's {@code usize}); toksmith keeps it in an int. */
  private static int count(JsonPath o, String field) throws TokenizerFormatException {
    JsonNode v = o.get(field);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0) {
      throw JsonPath.error(o.child(field), "expected a count from 0 to " + Integer.MAX_VALUE + ", found " + JsonPath.describe(v));
    }
    return v.asInt();
  }

  static void write(JsonGenerator g, Decoder d) throws IOException {
    if (d == null) {
      g.writeNull();
      return;
    }
    if (d instanceof ByteLevelDecoder) {
      // The decoder ignores these settings; Hugging Face writes its defaults.
      JsonPath.writeByteLevel(g, true, true, true);
      return;
    }
    g.writeStartObject();
    if (d instanceof MetaspaceDecoder m) {
      PreTokenizerJson.writeMetaspaceFields(g, m.settings());
    } else if (d instanceof WordPieceDecoder w) {
      g.writeStringField("type", "WordPiece");
      g.writeStringField("prefix", w.prefix());
      g.writeBooleanField("cleanup", w.cleanup());
    } else if (d instanceof BpeDecoder b) {
      g.writeStringField("type", "BPEDecoder");
      g.writeStringField("suffix", b.suffix());
    } else if (d instanceof ByteFallbackDecoder) {
      g.writeStringField("type", "ByteFallback");
    } else if (d instanceof FuseDecoder) {
      g.writeStringField("type", "Fuse");
    } else if (d instanceof StripDecoder s) {
      g.writeStringField("type", "Strip");
      g.writeStringField("content", Character.toString(s.content()));
      g.writeNumberField("start", s.start());
      g.writeNumberField("stop", s.stop());
    } else if (d instanceof ReplaceDecoder r) {
      g.writeStringField("type", "Replace");
      PreTokenizerJson.writePattern(g, r.isRegex(), r.patternText());
      g.writeStringField("content", r.content());
    } else if (d instanceof CtcDecoder c) {
      g.writeStringField("type", "CTC");
      g.writeStringField("pad_token", c.padToken());
      g.writeStringField("word_delimiter_token", c.wordDelimiterToken());
      g.writeBooleanField("cleanup", c.cleanup());
    } else if (d instanceof DecoderSequence seq) {
      g.writeStringField("type", "Sequence");
      g.writeArrayFieldStart("decoders");
      for (Decoder decoder : seq.decoders()) write(g, decoder);
      g.writeEndArray();
    } else {
      throw new TokenizerFormatException("cannot write decoder " + d.getClass().getSimpleName());
    }
    g.writeEndObject();
  }
}
