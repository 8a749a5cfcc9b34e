package dev.toksmith.vocab.hf;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.toksmith.core.pretokenizers.BertPreTokenizer;
import dev.toksmith.core.pretokenizers.ByteLevel;
import dev.toksmith.core.pretokenizers.CharDelimiterSplit;
import dev.toksmith.core.pretokenizers.Digits;
import dev.toksmith.core.pretokenizers.Metaspace;
import dev.toksmith.core.pretokenizers.PreTokenizer;
import dev.toksmith.core.pretokenizers.PreTokenizerSequence;
import dev.toksmith.core.pretokenizers.Punctuation;
import dev.toksmith.core.pretokenizers.Split;
import dev.toksmith.core.pretokenizers.SplitBehavior;
import dev.toksmith.core.pretokenizers.UnicodeScripts;
import dev.toksmith.core.pretokenizers.Whitespace;
import dev.toksmith.core.pretokenizers.WhitespaceSplit;
import dev.toksmith.vocab.TokenizerFormatException;
import java.io.IOException;
import java.util.Set;

/**
 * tokenizer.json's {@code pre_tokenizer}: every pre-tokenizer toksmith runs, registered with Hugging
 * Face's type name, reader and writer. Fields are required or defaulted exactly where Hugging Face
 * 0.21 requires or defaults them, and written as it writes them.
 */
final class PreTokenizerJson {
  private PreTokenizerJson() {}

  static final ComponentRegistry<PreTokenizer, StageReader<PreTokenizer>> COMPONENTS = new ComponentRegistry<PreTokenizer, StageReader<PreTokenizer>>("pre_tokenizer", PreTokenizer::describe)
      .add(ByteLevel.TYPE, ByteLevel.class, (o, stages) -> {
        o.allowOnly(StageFields.BYTE_LEVEL_FIELDS);
        return new ByteLevel(o.requiredBool("add_prefix_space"), o.optionalBool("use_regex", true), o.requiredBool("trim_offsets"));
      }, (g, b, stages) -> StageFields.writeByteLevel(g, b.addPrefixSpace(), b.trimOffsets(), b.useRegex()))
      .addConstant(Whitespace.INSTANCE)
      .addConstant(WhitespaceSplit.INSTANCE)
      .addConstant(BertPreTokenizer.INSTANCE)
      .addConstant(UnicodeScripts.INSTANCE)
      .add(Punctuation.TYPE, Punctuation.class, (o, stages) -> {
        o.allowOnly(Set.of("type", "behavior"));
        return new Punctuation(o.get("behavior") == null ? SplitBehavior.ISOLATED : behavior(o));
      }, (g, punctuation, stages) -> g.writeStringField("behavior", punctuation.behavior().huggingFaceName()))
      .add(Digits.TYPE, Digits.class, (o, stages) -> {
        o.allowOnly(Set.of("type", "individual_digits"));
        return new Digits(o.requiredBool("individual_digits"));
      }, (g, digits, stages) -> g.writeBooleanField("individual_digits", digits.individualDigits()))
      .add(CharDelimiterSplit.TYPE, CharDelimiterSplit.class, (o, stages) -> {
        o.allowOnly(Set.of("type", "delimiter"));
        return new CharDelimiterSplit(o.character("delimiter"));
      }, (g, delimiter, stages) -> g.writeStringField("delimiter", Character.toString(delimiter.delimiter())))
      .add(Metaspace.TYPE, Metaspace.class, (o, stages) -> StageFields.metaspace(o), (g, metaspace, stages) -> StageFields.writeMetaspace(g, metaspace))
      .add(Split.TYPE, Split.class, PreTokenizerJson::readSplit, (g, s, stages) -> {
        StageFields.writePattern(g, s.isRegex(), s.patternText());
        g.writeStringField("behavior", s.behavior().huggingFaceName());
        g.writeBooleanField("invert", s.invert());
      })
      .add(PreTokenizerSequence.TYPE, PreTokenizerSequence.class, (o, stages) -> {
        o.allowOnly(Set.of("type", "pretokenizers"));
        return new PreTokenizerSequence(stages.readList(o, "pretokenizers"));
      }, (g, seq, stages) -> stages.writeList(g, "pretokenizers", seq.stages()));

  static PreTokenizer read(JsonPath o) throws TokenizerFormatException {
    return COMPONENTS.read(o, o.string("type"), PreTokenizerJson::read);
  }

  static void write(JsonGenerator g, PreTokenizer p) throws IOException {
    COMPONENTS.write(g, p);
  }

  private static PreTokenizer readSplit(JsonPath o, StageReader<PreTokenizer> stages) throws TokenizerFormatException {
    o.allowOnly(Set.of("type", "pattern", "behavior", "invert"));
    StageFields.Pattern pattern = StageFields.pattern(o, false);
    SplitBehavior behavior = behavior(o);
    boolean invert = o.requiredBool("invert");
    try {
      return new Split(pattern.text(), pattern.regex(), behavior, invert);
    } catch (java.util.regex.PatternSyntaxException e) {
      throw StageFields.regexError(o, e);
    }
  }

  private static SplitBehavior behavior(JsonPath o) throws TokenizerFormatException {
    String b = o.string("behavior");
    return switch (b) {
      case "Removed" -> SplitBehavior.REMOVED;
      case "Isolated" -> SplitBehavior.ISOLATED;
      case "MergedWithPrevious" -> SplitBehavior.MERGED_WITH_PREVIOUS;
      case "MergedWithNext" -> SplitBehavior.MERGED_WITH_NEXT;
      case "Contiguous" -> SplitBehavior.CONTIGUOUS;
      default -> throw JsonPath.error(o.child("behavior"), "unknown split behavior " + JsonPath.quote(b));
    };
  }
}
