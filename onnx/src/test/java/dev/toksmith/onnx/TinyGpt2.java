package dev.toksmith.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toksmith.vocab.npy.Npy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The tiny GPT-2 the tests run (test resources, made by tiny-gpt2/make-tiny-gpt2.py) and PyTorch's
 * log-probabilities for its reference texts. Shared with the cli module's tests.
 */
public final class TinyGpt2 {
  /** The export with a key/value cache and position_ids. */
  public static final String WITH_PAST = "with-past";
  /** The export without a cache or position_ids. */
  public static final String NO_PAST = "no-past";

  private static final String ROOT = "/dev/toksmith/onnx/tiny-gpt2/";
  private static final List<String> FILES = List.of(OnnxLanguageModel.MODEL_FILE, "tokenizer.json", "config.json");

  /** A reference text, the ids Hugging Face tokenizers gave it, and PyTorch's log-probabilities after the start token and each prefix of them. */
  public record Reference(String text, int[] ids, float[][] logProbs) {}

  private TinyGpt2() {}

  /** Copies export {@code name} into a new directory under {@code parent} (resources may sit inside a jar) and returns it. */
  public static Path export(String name, Path parent) throws IOException {
    Path dir = Files.createDirectories(parent.resolve(name));
    for (String file : FILES) {
      try (InputStream in = TinyGpt2.class.getResourceAsStream(ROOT + name + "/" + file)) {
        if (in == null) throw new IOException("missing test resource " + ROOT + name + "/" + file);
        Files.copy(in, dir.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return dir;
  }

  /** The reference texts with PyTorch's log-probabilities. */
  public static List<Reference> references() {
    try (InputStream json = TinyGpt2.class.getResourceAsStream(ROOT + "reference.json");
        InputStream npy = TinyGpt2.class.getResourceAsStream(ROOT + "reference-logprobs.npy")) {
      JsonNode root = new ObjectMapper().readTree(json);
      Npy.Array rows = Npy.read(npy);
      int vocab = rows.shape()[1];
      List<Reference> out = new ArrayList<>();
      for (JsonNode text : root.get("texts")) {
        int[] ids = new int[text.get("ids").size()];
        for (int i = 0; i < ids.length; i++) ids[i] = text.get("ids").get(i).asInt();
        float[][] logProbs = new float[ids.length + 1][];
        int first = text.get("row").asInt();
        for (int j = 0; j <= ids.length; j++) logProbs[j] = Arrays.copyOfRange(rows.floats(), (first + j) * vocab, (first + j + 1) * vocab);
        out.add(new Reference(text.get("text").asText(), ids, logProbs));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
