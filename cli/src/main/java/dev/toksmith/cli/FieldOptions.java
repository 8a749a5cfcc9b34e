package dev.toksmith.cli;

import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Options and parameters declared through picocli's programmatic API, each bound to a field of the
 * object that holds it, for the commands whose start counts ({@code toksmith} itself, {@code train},
 * {@code encode}, {@code decode}) and the option groups they mix in. picocli's annotations cost every
 * start: the JDK spins a proxy class per annotation type read (ten for {@code train}, nine for
 * {@code encode}, about 30 ms of a cold start), which JDK 17's class-data archive cannot hold. A
 * declaration here says what the annotation said (names, label, arity, default, description); the
 * field's type and initial value are read from the field itself, as picocli does for an annotated one.
 * An option group declared here ({@code mixin()}) joins a command still declared by annotations as
 * the value of its {@code @Mixin} field, which picocli takes as it is.
 */
final class FieldOptions {
  private FieldOptions() {}

  /** An option bound to {@code field} of {@code holder}. */
  static OptionSpec.Builder option(Object holder, String field, String... names) {
    Binding binding = new Binding(holder, field);
    return OptionSpec.builder(names).type(binding.type()).auxiliaryTypes(binding.elementType()).getter(binding).setter(binding)
        .initialValue(binding.get()).hasInitialValue(true);
  }

  /**
   * Positional parameters bound to {@code field} of {@code holder}. (As {@link #option}: picocli's
   * builder common to both is not public.)
   */
  static PositionalParamSpec.Builder parameters(Object holder, String field) {
    Binding binding = new Binding(holder, field);
    return PositionalParamSpec.builder().type(binding.type()).auxiliaryTypes(binding.elementType()).getter(binding).setter(binding)
        .initialValue(binding.get()).hasInitialValue(true);
  }

  /**
   * {@code -h, --help} and {@code -V, --version}, as picocli's {@code mixinStandardHelpOptions} adds
   * them (which would read the annotations of picocli's own mixin): after the command's own options.
   */
  static void addStandardHelpOptions(CommandSpec spec) {
    spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).descriptionKey("mixinStandardHelpOptions.help")
        .description("Show this help message and exit.").build());
    spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).descriptionKey("mixinStandardHelpOptions.version")
        .description("Print version information and exit.").build());
  }

  /**
   * Reads and writes one field: one class for every option, not a lambda per option (lambdas of
   * picocli's interfaces are left out of the launcher's class-data archive, see {@code Main.ErrorLines}).
   */
  private static final class Binding implements IGetter, ISetter {
    private final Object holder;
    private final Field field;

    Binding(Object holder, String name) {
      this.holder = holder;
      try {
        field = holder.getClass().getDeclaredField(name);
      } catch (NoSuchFieldException e) {
        throw new IllegalStateException("no field " + name + " in " + holder.getClass().getName(), e);
      }
      field.setAccessible(true);
    }

    Class<?> type() {
      return field.getType();
    }

    /** The element type of a {@code List<E>} field; none for any other. */
    Class<?>[] elementType() {
      Type type = field.getGenericType();
      if (type instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> element) return new Class<?>[] {element};
      return new Class<?>[0];
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get() {
      try {
        return (T) field.get(holder);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public <T> T set(T value) {
      try {
        T previous = get();
        field.set(holder, value);
        return previous;
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
