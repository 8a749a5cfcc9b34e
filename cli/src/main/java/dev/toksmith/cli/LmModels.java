package dev.toksmith.cli;

import dev.toksmith.LanguageModelFile;
import dev.toksmith.LanguageModels;
import dev.toksmith.TokenizedModel;
import dev.toksmith.api.ByteLevelLanguageModel;
import dev.toksmith.api.ByteState;
import dev.toksmith.onnx.OnnxLanguageModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** {@code -m LM[,LM2...]} and {@code --ensemble}: the models next, complete and score read, and how several combine. */
final class LmModels {
  /** The models of one command; closing frees ONNX Runtime's native sessions. */
  record Loaded(List<TokenizedModel> models, List<OnnxLanguageModel> onnx) implements AutoCloseable {
    TokenizedModel first() {
      return models.get(0);
    }

    int size() {
      return models.size();
    }

    @Override
    public void close() {
      onnx.forEach(OnnxLanguageModel::close);
    }
  }

  /** How several models combine. */
  enum Ensemble {
    mixture,
    product
  }

  /** The command these options belong to, whose usage a bad combination breaks. */
  private CommandLine.Model.CommandSpec command;

  List<String> files;
  Ensemble ensemble;
  boolean allowInvalid;
  Integer onnxThreads;

  /** Adds these options to {@code command}'s model (see {@link FieldOptions}). */
  void addTo(CommandLine.Model.CommandSpec command) {
    this.command = command;
    command.addOption(FieldOptions.option(this, "files", "-m", "--model").required(true).paramLabel("LM").splitRegex(",")
        .description("A model file from lm train, or a neural LM as optimum-cli export onnx writes it: the directory with model.onnx, "
            + "tokenizer.json and config.json. Several (-m a.lm -m b.lm, or -m a.lm,b.lm) make a byte-level ensemble.")
        .build());
    command.addOption(FieldOptions.option(this, "ensemble", "--ensemble").paramLabel("mixture|product").defaultValue("mixture")
        .description("How several models combine: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        .build());
    command.addOption(FieldOptions.option(this, "allowInvalid", "--allow-invalid")
        .description("Read ONNX models as they are, without restricting them to canonical token sequences (byte-level probabilities are then approximate).")
        .build());
    command.addOption(FieldOptions.option(this, "onnxThreads", "--onnx-threads").paramLabel("N")
        .description("ONNX Runtime's threads per forward pass (default: one per core).")
        .build());
  }

  Loaded load() throws IOException {
    if (onnxThreads != null && onnxThreads < 1) throw new CommandLine.ParameterException(command.commandLine(), "--onnx-threads must be at least 1");
    // Options that would change nothing are refused rather than ignored.
    boolean anyOnnx = files.stream().anyMatch(file -> OnnxLanguageModel.isExport(Path.of(file)));
    if (!anyOnnx && allowInvalid) {
      throw new CommandLine.ParameterException(command.commandLine(), "--allow-invalid applies to ONNX models; an n-gram model is made so by lm train --allow-invalid");
    }
    if (!anyOnnx && onnxThreads != null) throw new CommandLine.ParameterException(command.commandLine(), "--onnx-threads applies to ONNX models, and none is given");
    if (files.size() == 1 && command.commandLine().getParseResult().hasMatchedOption("--ensemble")) {
      throw new CommandLine.ParameterException(command.commandLine(), "--ensemble combines several models, and one is given");
    }
    OnnxLanguageModel.Settings defaults = OnnxLanguageModel.Settings.defaults();
    OnnxLanguageModel.Settings settings = new OnnxLanguageModel.Settings(onnxThreads == null ? 0 : onnxThreads, defaults.cacheBytes());
    List<TokenizedModel> models = new ArrayList<>();
    List<OnnxLanguageModel> onnx = new ArrayList<>();
    try {
      for (String file : files) {
        Path path = Path.of(file);
        if (OnnxLanguageModel.isExport(path)) {
          OnnxLanguageModel network = OnnxLanguageModel.load(path, settings);
          onnx.add(network);
          models.add(allowInvalid ? TokenizedModel.of(network, network.tokenizer()) : TokenizedModel.canonical(network, network.tokenizer()));
        } else if (Files.isDirectory(path)) {
          throw new NoSuchFileException(path.resolve(OnnxLanguageModel.MODEL_FILE).toString());
        } else {
          models.add(LanguageModelFile.load(path).model());
        }
      }
    } catch (IOException | RuntimeException e) {
      onnx.forEach(OnnxLanguageModel::close);
      throw e;
    }
    return new Loaded(models, onnx);
  }

  /** The byte-level reader of {@code loaded} (their ensemble when several) after {@code prompt}. */
  ByteState start(Loaded loaded, byte[] prompt) {
    return byteLevel(loaded).start(prompt);
  }

  /** {@code loaded} read byte by byte: the one model, or their ensemble. */
  ByteLevelLanguageModel byteLevel(Loaded loaded) {
    List<TokenizedModel> models = loaded.models();
    if (models.size() == 1) return models.get(0).byteLevel();
    return ensemble == Ensemble.mixture ? LanguageModels.mixture(models) : LanguageModels.product(models);
  }
}
