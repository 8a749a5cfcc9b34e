package dev.toksmith.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.toksmith.vocab.TokenizerFormatException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The inputs and outputs of a causal LM as Hugging Face Optimum exports it: {@code input_ids},
 * {@code attention_mask} and {@code position_ids} (where present) in, {@code logits} [batch,
 * sequence, vocabulary] out, and with a key/value cache {@code past_key_values.N.key/value} in and
 * {@code present.N.key/value} out, each [batch, heads, sequence, head size] in float32. Anything
 * else is refused with a message naming it, rather than fed a guess.
 */
final class Signature {
  static final String INPUT_IDS = "input_ids";
  static final String ATTENTION_MASK = "attention_mask";
  static final String POSITION_IDS = "position_ids";
  static final String LOGITS = "logits";
  private static final Pattern PAST = Pattern.compile("past_key_values\\.(\\d+)\\.(key|value)");

  /** Element type of input_ids, attention_mask and position_ids: INT64 (Optimum's) or INT32. */
  final OnnxJavaType idsType;

  final OnnxJavaType maskType;
  final OnnxJavaType positionsType;
  /** Logits per position. */
  final int vocabSize;
  /** Heads and head size of each cache tensor: tensor 2N is layer N's keys, 2N + 1 its values. */
  final int[] heads;

  final int[] headSizes;

  /** The input and output name of each cache tensor. */
  final String[] pastNames;

  final String[] presentNames;

  private Signature(OnnxJavaType idsType, OnnxJavaType maskType, OnnxJavaType positionsType, int vocabSize, int[] heads, int[] headSizes) {
    this.idsType = idsType;
    this.maskType = maskType;
    this.positionsType = positionsType;
    this.vocabSize = vocabSize;
    this.heads = heads;
    this.headSizes = headSizes;
    this.pastNames = new String[heads.length];
    this.presentNames = new String[heads.length];
    for (int t = 0; t < heads.length; t++) {
      pastNames[t] = pastName(t);
      presentNames[t] = presentName(t);
    }
  }

  /** Whether the export has a key/value cache. */
  boolean hasPast() {
    return heads.length > 0;
  }

  /** Number of cache tensors (twice the layers). */
  int cacheTensors() {
    return heads.length;
  }

  private static String pastName(int tensor) {
    return "past_key_values." + tensor / 2 + (tensor % 2 == 0 ? ".key" : ".value");
  }

  private static String presentName(int tensor) {
    return "present." + tensor / 2 + (tensor % 2 == 0 ? ".key" : ".value");
  }

  static Signature of(OrtSession session, String name) throws OrtException, TokenizerFormatException {
    Map<String, NodeInfo> inputs = session.getInputInfo();
    Map<String, NodeInfo> outputs = session.getOutputInfo();
    OnnxJavaType ids = null;
    OnnxJavaType mask = null;
    OnnxJavaType positions = null;
    int tensors = 0;
    for (Map.Entry<String, NodeInfo> input : inputs.entrySet()) {
      String in = input.getKey();
      TensorInfo info = tensor(name, in, input.getValue());
      switch (in) {
        case INPUT_IDS -> ids = integerType(name, in, info, 2);
        case ATTENTION_MASK -> mask = integerType(name, in, info, 2);
        case POSITION_IDS -> positions = integerType(name, in, info, 2);
        default -> {
          if (!PAST.matcher(in).matches()) {
            throw new TokenizerFormatException(name + ": input '" + in + "' is not one toksmith feeds (it feeds input_ids, attention_mask, "
                + "position_ids and past_key_values.N.key/value, as Hugging Face Optimum exports a causal LM)");
          }
          cacheShape(name, in, info);
          tensors++;
        }
      }
    }
    if (ids == null) throw new TokenizerFormatException(name + ": no input_ids input; not a causal LM export");
    TensorInfo logits = outputs.containsKey(LOGITS) ? tensor(name, LOGITS, outputs.get(LOGITS)) : null;
    if (logits == null) throw new TokenizerFormatException(name + ": no logits output; not a causal LM export");
    if (logits.type != OnnxJavaType.FLOAT || logits.getShape().length != 3 || logits.getShape()[2] <= 0) {
      throw new TokenizerFormatException(name + ": logits must be float32 [batch, sequence, vocabulary] with a fixed vocabulary, not " + logits.type + " " + shape(logits));
    }
    int[] heads = new int[tensors];
    int[] headSizes = new int[tensors];
    for (int t = 0; t < tensors; t++) {
      String in = pastName(t);
      if (!inputs.containsKey(in)) throw new TokenizerFormatException(name + ": the cache inputs skip " + in);
      String out = presentName(t);
      if (!outputs.containsKey(out)) throw new TokenizerFormatException(name + ": input " + in + " has no matching output " + out);
      long[] inShape = cacheShape(name, in, tensor(name, in, inputs.get(in)));
      long[] outShape = cacheShape(name, out, tensor(name, out, outputs.get(out)));
      if (inShape[1] != outShape[1] || inShape[3] != outShape[3]) {
        throw new TokenizerFormatException(name + ": " + in + " and " + out + " differ in heads or head size");
      }
      heads[t] = (int) inShape[1];
      headSizes[t] = (int) inShape[3];
    }
    if (tensors % 2 != 0) throw new TokenizerFormatException(name + ": a layer's key or value cache input is missing");
    return new Signature(ids, mask, positions, (int) logits.getShape()[2], heads, headSizes);
  }

  private static TensorInfo tensor(String name, String node, NodeInfo info) throws TokenizerFormatException {
    if (info.getInfo() instanceof TensorInfo t) return t;
    throw new TokenizerFormatException(name + ": " + node + " is not a tensor");
  }

  private static OnnxJavaType integerType(String name, String node, TensorInfo info, int rank) throws TokenizerFormatException {
    if ((info.type != OnnxJavaType.INT64 && info.type != OnnxJavaType.INT32) || info.getShape().length != rank) {
      throw new TokenizerFormatException(name + ": " + node + " must be int64 or int32 [batch, sequence], not " + info.type + " " + shape(info));
    }
    return info.type;
  }

  /** A cache tensor's shape, checked: float32 [batch, heads, sequence, head size] with fixed heads and head size. */
  private static long[] cacheShape(String name, String node, TensorInfo info) throws TokenizerFormatException {
    long[] shape = info.getShape();
    if (info.type != OnnxJavaType.FLOAT || shape.length != 4 || shape[1] <= 0 || shape[3] <= 0) {
      throw new TokenizerFormatException(name + ": " + node + " must be float32 [batch, heads, sequence, head size] with fixed heads "
          + "and head size, not " + info.type + " " + shape(info) + " (export in float32 with the standard cache layout)");
    }
    return shape;
  }

  private static String shape(TensorInfo info) {
    return java.util.Arrays.toString(info.getShape()).replace("-1", "?");
  }
}
