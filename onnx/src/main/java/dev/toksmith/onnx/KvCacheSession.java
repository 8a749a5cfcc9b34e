package dev.toksmith.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.toksmith.api.TokenLanguageModel;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A session of an {@link OnnxLanguageModel}, confined to one thread: every context it has read is a path in a tree of
 * tokens, and each node keeps its position's keys and values (a slice of the model's cache). A
 * context is answered from its longest prefix in the tree: the cache of that prefix is the model's
 * past, and only the tokens after it go through the model, in one forward pass. So a context one
 * token longer than one read before costs one incremental step, and going back to an earlier
 * context (a byte-level cover that starts a few tokens back) reuses the cache of its prefix.
 *
 * <p>The cache of the context read last stays in ONNX Runtime's layout, so extending it copies
 * nothing, and a prefix of it is that buffer cut back in place (one move per head); any other prefix
 * is assembled from the tree's slices. When the slices pass the byte
 * budget, the least recently used branches are dropped (leaves first, so every node kept still has
 * its whole prefix). Log-probabilities of recent contexts are kept too, a bounded number of them.
 * Exports without a cache run the whole context each time and keep only log-probabilities.
 */
final class KvCacheSession implements TokenLanguageModel {
  /** Bytes counted for a node besides its slice (object, child map share). */
  private static final int NODE_OVERHEAD = 96;

  /** A token of a context read: the context up to and including it. */
  private static final class Node {
    final Node parent;
    final int token;
    final int depth;
    Int2ObjectOpenHashMap<Node> children;
    /** This position's keys and values (null for the root and without a cache). */
    byte[] slice;
    /** The next-token log-probabilities after this context, while kept. */
    double[] logProbs;
    long used;

    Node(Node parent, int token) {
      this.parent = parent;
      this.token = token;
      this.depth = parent == null ? 0 : parent.depth + 1;
    }

    Node child(int id) {
      return children == null ? null : children.get(id);
    }

    Node addChild(int id) {
      if (children == null) children = new Int2ObjectOpenHashMap<>(2);
      Node child = new Node(this, id);
      children.put(id, child);
      return child;
    }
  }

  private final OnnxLanguageModel model;
  private final Signature signature;
  private final OrtEnvironment env;
  private final long budget;
  private final int keptRows;
  private final Node root = new Node(null, -1);
  private final LinkedHashSet<Node> kept = new LinkedHashSet<>();
  private long clock;
  private long bytes;
  /** Holds the cache of {@link #hotNode}'s context in ONNX Runtime's layout. */
  private KvBuffer hot;

  private KvBuffer spare;
  private Node hotNode;
  private ByteBuffer logits;

  KvCacheSession(OnnxLanguageModel model, long budget) {
    this.model = model;
    this.signature = model.signature();
    this.env = OrtEnvironment.getEnvironment();
    this.budget = budget;
    // Kept log-probabilities take an eighth of the budget, and at least the last few contexts.
    this.keptRows = (int) Math.max(4, Math.min(1 << 20, budget / 8 / ((long) model.vocabSize() * Double.BYTES)));
    if (signature.hasPast()) {
      hot = new KvBuffer(signature);
      spare = new KvBuffer(signature);
    }
  }

  @Override
  public int vocabSize() {
    return model.vocabSize();
  }

  @Override
  public int endOfTextId() {
    return model.endOfTextId();
  }

  @Override
  public TokenLanguageModel newSession() {
    return this;
  }

  @Override
  public double[] nextLogProbs(int[] context) {
    int[] input = model.input(context);
    int n = input.length;
    long now = ++clock;
    root.used = now;
    Node node = root;
    while (node.depth < n) {
      Node child = node.child(input[node.depth]);
      if (child == null) break;
      node = child;
      node.used = now;
    }
    if (node.depth == n) {
      if (node.logProbs != null) {
        kept.remove(node);
        kept.add(node);
        return node.logProbs.clone();
      }
      node = node.parent; // the cache is there but not the answer: run the last token again
    }
    if (!signature.hasPast()) node = root;
    int from = node.depth;
    KvBuffer past = null;
    KvBuffer present = null;
    if (signature.hasPast()) {
      past = pastOf(node);
      present = past == hot ? spare : hot;
      if (present == hot) hotNode = null; // overwritten below, whether or not the pass succeeds
      present.reset(n);
    }
    FloatBuffer rows = run(input, from, n, past, present);
    int firstKept = Math.max(from, n - keptRows);
    for (int p = from; p < n; p++) {
      Node child = node.child(input[p]);
      if (child == null) {
        child = node.addChild(input[p]);
        bytes += NODE_OVERHEAD;
      }
      child.used = now;
      if (present != null && child.slice == null) {
        child.slice = present.slice(p);
        bytes += child.slice.length;
      }
      if (p >= firstKept && child.logProbs == null) keep(child, model.logProbs(rows, p - from));
      node = child;
    }
    if (present != null) {
      spare = past;
      hot = present;
      hotNode = node;
    }
    double[] answer = node.logProbs.clone();
    if (bytes > budget) evict();
    return answer;
  }

  /**
   * A buffer holding the cache of {@code node}'s context: the hot one, cut back in place when the
   * context is a prefix of the hot one's (a cover going back a few tokens on the path just read),
   * else the spare filled from the tree's slices.
   */
  private KvBuffer pastOf(Node node) {
    if (hotNode != null && hotNode.depth >= node.depth) {
      Node ancestor = hotNode;
      while (ancestor.depth > node.depth) ancestor = ancestor.parent;
      if (ancestor == node) {
        hot.truncate(node.depth);
        hotNode = node;
        return hot;
      }
    }
    spare.reset(node.depth);
    for (Node at = node; at != root; at = at.parent) spare.put(at.depth - 1, at.slice);
    return spare;
  }

  private void keep(Node node, double[] logProbs) {
    node.logProbs = logProbs;
    kept.add(node);
    if (kept.size() > keptRows) {
      Node oldest = kept.iterator().next();
      kept.remove(oldest);
      oldest.logProbs = null;
    }
  }

  /** Drops least recently used leaves until the tree holds three quarters of the budget. */
  private void evict() {
    List<Node> nodes = new ArrayList<>();
    ArrayDeque<Node> stack = new ArrayDeque<>();
    stack.push(root);
    while (!stack.isEmpty()) {
      Node at = stack.pop();
      if (at.children == null) continue;
      for (Node child : at.children.values()) {
        nodes.add(child);
        stack.push(child);
      }
    }
    // A node is used whenever a descendant is, so in this order descendants come before ancestors.
    nodes.sort(Comparator.comparingLong((Node x) -> x.used).thenComparing(Comparator.comparingInt((Node x) -> x.depth).reversed()));
    for (Node node : nodes) {
      if (bytes <= budget / 4 * 3 || node.used == clock) break;
      if (node.children != null && !node.children.isEmpty()) continue;
      node.parent.children.remove(node.token);
      bytes -= NODE_OVERHEAD + (node.slice == null ? 0 : node.slice.length);
      node.slice = null;
      if (node.logProbs != null) {
        kept.remove(node);
        node.logProbs = null;
      }
      if (node == hotNode) hotNode = null;
    }
  }

  /**
   * One forward pass over {@code input[from, to)} after the {@code from} positions cached in {@code
   * past}, writing the cache of all {@code to} positions into {@code present}; returns the logits of
   * positions {@code from .. to - 1}, row after row.
   */
  private FloatBuffer run(int[] input, int from, int to, KvBuffer past, KvBuffer present) {
    int steps = to - from;
    int vocab = model.vocabSize();
    long logitBytes = (long) steps * vocab * Float.BYTES;
    if (logitBytes > Integer.MAX_VALUE) throw new IllegalArgumentException("the logits of " + steps + " positions do not fit a buffer");
    if (logits == null || logits.capacity() < logitBytes) logits = ByteBuffer.allocateDirect((int) logitBytes).order(ByteOrder.nativeOrder());
    FloatBuffer out = logits.duplicate().position(0).limit((int) logitBytes).slice().order(ByteOrder.nativeOrder()).asFloatBuffer();
    Map<String, OnnxTensor> inputs = new HashMap<>();
    Map<String, OnnxTensor> outputs = new HashMap<>();
    try {
      long[] ids = new long[steps];
      long[] positions = new long[steps];
      for (int i = 0; i < steps; i++) {
        ids[i] = input[from + i];
        positions[i] = from + i;
      }
      long[] ones = new long[to];
      Arrays.fill(ones, 1);
      inputs.put(Signature.INPUT_IDS, integers(signature.idsType == OnnxJavaType.INT64, ids));
      if (signature.maskType != null) inputs.put(Signature.ATTENTION_MASK, integers(signature.maskType == OnnxJavaType.INT64, ones));
      if (signature.positionsType != null) inputs.put(Signature.POSITION_IDS, integers(signature.positionsType == OnnxJavaType.INT64, positions));
      for (int t = 0; t < signature.cacheTensors(); t++) {
        inputs.put(signature.pastNames[t], past.tensor(env, t));
        outputs.put(signature.presentNames[t], present.tensor(env, t));
      }
      outputs.put(Signature.LOGITS, OnnxTensor.createTensor(env, out, new long[] {1, steps, vocab}));
      long start = System.nanoTime();
      try (OrtSession.Result ignored = model.ort().run(inputs, outputs)) {
        model.count(steps, System.nanoTime() - start);
      }
      return out;
    } catch (OrtException e) {
      throw new IllegalStateException(model.name() + ": ONNX Runtime failed: " + e.getMessage(), e);
    } finally {
      inputs.values().forEach(OnnxTensor::close);
      outputs.values().forEach(OnnxTensor::close);
    }
  }

  /** A [1, n] tensor of int64 or int32 values. */
  private OnnxTensor integers(boolean int64, long[] values) throws OrtException {
    long[] shape = {1, values.length};
    if (int64) return OnnxTensor.createTensor(env, LongBuffer.wrap(values), shape);
    int[] narrow = new int[values.length];
    for (int i = 0; i < values.length; i++) narrow[i] = (int) values[i];
    return OnnxTensor.createTensor(env, IntBuffer.wrap(narrow), shape);
  }
}
