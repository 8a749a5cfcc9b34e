package dev.toksmith.core.compiled;

import dev.toksmith.core.AddedVocabulary;
import dev.toksmith.core.models.Model;
import dev.toksmith.core.normalizers.Normalizer;
import dev.toksmith.core.pretokenizers.PreTokenizer;
import java.util.List;
import java.util.function.Function;

/**
 * Compiles a pipeline's components to the {@link FastPath} of their family, when one fits: each
 * family looks at the components and either builds its machinery or declines.
 */
public final class FastPaths {
  /** What a family's compiler sees of a pipeline. Any stage but the model may be null. */
  public record Components(Normalizer normalizer, PreTokenizer preTokenizer, Model model, AddedVocabulary added) {}

  /** The families, tried in order; the first that takes the components wins. */
  private static final List<Function<Components, FastPath>> FAMILIES =
      List.of(ByteLevelBpePath::compile, MetaspaceBpePath::compile, BertWordPiecePath::compile, UnigramPath::compile);

  private FastPaths() {}

  /** The fast path of the first family that takes these components, or null: the general path does everything. */
  public static FastPath compile(Components components) {
    for (Function<Components, FastPath> family : FAMILIES) {
      FastPath path = family.apply(components);
      if (path != null) return path;
    }
    return null;
  }
}
