package dev.toksmith.core.compiled;

import java.util.List;
import java.util.function.Function;

/**
 * Compiles a pipeline's components to the {@link FastPath} of their family, when one fits: each
 * family looks at the components and either builds its machinery or declines.
 */
public final class FastPaths {
  /** The families, tried in order; the first that takes the components wins. */
  private static final List<Function<PipelineStages, FastPath>> FAMILIES =
      List.of(ByteLevelBpePath::compile, MetaspaceBpePath::compile, BertWordPiecePath::compile, UnigramPath::compile);

  private FastPaths() {}

  /** The fast path of the first family that takes these components, or null: the general path does everything. */
  public static FastPath compile(PipelineStages components) {
    for (Function<PipelineStages, FastPath> family : FAMILIES) {
      FastPath path = family.apply(components);
      if (path != null) return path;
    }
    return null;
  }
}
