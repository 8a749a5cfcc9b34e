package dev.toksmith.vocab.gpt2;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.toksmith.core.Pipeline;
import dev.toksmith.core.corpus.InputFiles;
import dev.toksmith.core.decoders.ByteLevelDecoder;
import dev.toksmith.core.models.bpe.BpeModel;
import dev.toksmith.core.models.bpe.BpeOptions;
import dev.toksmith.core.pretokenizers.ByteLevel;
import dev.toksmith.core.processors.ByteLevelProcessor;
import dev.toksmith.core.text.Excerpt;
import dev.toksmith.vocab.TokenizerFormatException;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * GPT-2 style {@code vocab.json} + {@code merges.txt}, assembled as Hugging Face's {@code
 * ByteLevelBPETokenizer(vocab, merges)} does: ByteLevel pre-tokenizer without prefix space, BPE,
 * ByteLevel decoder, ByteLevel post-processor without offset trimming. No added tokens: special
 * token text such as {@code <|endoftext|>} is ordinary text, as in that reference.
 */
public final class Gpt2Files {
  public static final String VOCAB = "vocab.json";
  public static final String MERGES = "merges.txt";

  private Gpt2Files() {}

  /** Whether {@code dir} holds the two files. */
  public static boolean isIn(Path dir) {
    return Files.isRegularFile(dir.resolve(VOCAB)) && Files.isRegularFile(dir.resolve(MERGES));
  }

  public static Pipeline load(Path vocabFile, Path mergesFile) throws IOException {
    try (InputStream vocab = InputFiles.open(vocabFile); InputStream merges = InputFiles.open(mergesFile)) {
      return read(vocab, vocabFile.toString(), merges, mergesFile.toString());
    }
  }

  /** Reads the two files from streams (left open); the names are how errors refer to them. */
  public static Pipeline read(InputStream vocabJson, String vocabFile, InputStream mergesTxt, String mergesFile) throws IOException {
    Object2IntOpenHashMap<String> vocab = readVocab(vocabJson, vocabFile);
    List<BpeModel.Merge> merges = readMerges(mergesTxt, mergesFile, vocab);
    BpeModel model;
    try {
      model = new BpeModel(vocab, merges, BpeOptions.BYTE_LEVEL);
    } catch (IllegalArgumentException e) {
      throw new TokenizerFormatException(vocabFile + ": " + e.getMessage());
    }
    return new Pipeline(null, new ByteLevel(false, true, true), model, new ByteLevelProcessor(true, false, true), ByteLevelDecoder.INSTANCE, List.of());
  }

  /** A flat JSON object of token to id, read as a stream (vocabularies can be large). */
  private static Object2IntOpenHashMap<String> readVocab(InputStream in, String file) throws IOException {
    Object2IntOpenHashMap<String> vocab = new Object2IntOpenHashMap<>();
    vocab.defaultReturnValue(-1);
    try (JsonParser p = new com.fasterxml.jackson.core.JsonFactory().disable(JsonParser.Feature.AUTO_CLOSE_SOURCE).createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) throw new TokenizerFormatException(file + ": expected a JSON object of token to id");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String token = p.currentName();
        if (p.nextToken() != JsonToken.VALUE_NUMBER_INT || p.getLongValue() < 0 || p.getLongValue() > Integer.MAX_VALUE) {
          throw new TokenizerFormatException(file + ": token " + Excerpt.of(token) + ": expected a non-negative integer id (line " + p.currentLocation().getLineNr() + ")");
        }
        // Hugging Face's map would keep the last id; which one was meant cannot be told.
        if (vocab.put(token, p.getIntValue()) >= 0) {
          throw new TokenizerFormatException(file + ": token " + Excerpt.of(token) + " is given twice (line " + p.currentLocation().getLineNr() + ")");
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) throw new TokenizerFormatException(file + ": expected a single JSON object");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new TokenizerFormatException(file + ": not valid JSON: " + dev.toksmith.vocab.io.JsonErrors.describe(e), e);
    }
    return vocab;
  }

  /** Hugging Face's {@code BPE::read_file}: "#version" lines skipped, every other line "left right". */
  private static List<BpeModel.Merge> readMerges(InputStream mergesTxt, String file, Object2IntOpenHashMap<String> vocab) throws IOException {
    List<BpeModel.Merge> merges = new ArrayList<>();
    // Strict UTF-8: a reader that replaced bad bytes would match tokens nobody wrote.
    BufferedReader in = new BufferedReader(new InputStreamReader(mergesTxt, StandardCharsets.UTF_8.newDecoder()));
    int lineNumber = 0;
    try {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lineNumber++;
        if (line.startsWith("#version")) continue;
        String[] parts = line.split(" ", -1);
        if (parts.length != 2) throw new TokenizerFormatException(file + ":" + lineNumber + ": expected \"left right\"");
        int left = vocab.getInt(parts[0]);
        int right = vocab.getInt(parts[1]);
        int result = vocab.getInt(parts[0] + parts[1]);
        for (String missing : new String[] {left < 0 ? parts[0] : null, right < 0 ? parts[1] : null, result < 0 ? parts[0] + parts[1] : null}) {
          if (missing != null) throw new TokenizerFormatException(file + ":" + lineNumber + ": token " + Excerpt.of(missing) + " is not in " + VOCAB);
        }
        merges.add(new BpeModel.Merge(left, right, result));
      }
    } catch (CharacterCodingException e) {
      throw new TokenizerFormatException(file + ":" + (lineNumber + 1) + ": not UTF-8 text", e);
    }
    return merges;
  }
}
