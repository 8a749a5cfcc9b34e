package dev.toksmith.vocab.hf;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.vocab.TokenizerFormatException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The components of one tokenizer.json stage (normalizer, pre-tokenizer, model, post-processor or
 * decoder), each registered once with its {@code type} name (which the component's class names, for
 * its description too: {@code Strip.TYPE}, or a constant's own description), the class it reads
 * into, its reader and its writer. Reading dispatches on the {@code type} field, writing on the component's class; a
 * component cannot be registered without both halves, and a type or class registered twice fails when
 * the table is built.
 *
 * @param <T> the stage's interface
 * @param <X> what a reader gets besides its JSON object: the stage's own reader for nested stages, or
 *     the model's streamed arrays
 */
final class ComponentRegistry<T, X> implements StageWriter<T> {
  /** Reads one component from its object, whose {@code type} is already known. */
  interface Reader<T, X> {
    T read(JsonPath o, X context) throws TokenizerFormatException;
  }

  /** Writes a component's fields after its {@code type}; nested stages go through {@code stages}. */
  interface Writer<C, T> {
    void write(JsonGenerator g, C component, StageWriter<T> stages) throws IOException;
  }

  /** One registration. */
  record Component<T, X>(String type, Class<? extends T> javaClass, Reader<T, X> reader, Writer<Object, T> writer) {}

  /** The fields of a component that has only its {@code type}. */
  static final Set<String> TYPE_ONLY = Set.of("type");

  private final String stage;
  private final Function<T, Stage> describer;
  private final List<Component<T, X>> components = new ArrayList<>();
  private final Map<String, Component<T, X>> byType = new HashMap<>();
  private final Map<Class<?>, Component<T, X>> byClass = new HashMap<>();

  /**
   * @param stage the stage's field name in tokenizer.json, for messages: {@code normalizer}, ...
   * @param describer the stage's description of a component, whose type names a constant
   */
  ComponentRegistry(String stage, Function<T, Stage> describer) {
    this.stage = stage;
    this.describer = describer;
  }

  /** Registers a component: its type name, its class, how to read it and how to write its fields. */
  <C extends T> ComponentRegistry<T, X> add(String type, Class<C> javaClass, Reader<T, X> reader, Writer<C, T> writer) {
    @SuppressWarnings("unchecked")
    Writer<Object, T> anyWriter = (g, c, stages) -> writer.write(g, (C) c, stages);
    Component<T, X> component = new Component<>(type, javaClass, reader, anyWriter);
    if (byType.putIfAbsent(type, component) != null) throw new IllegalStateException(stage + " type " + type + " registered twice");
    if (byClass.putIfAbsent(javaClass, component) != null) throw new IllegalStateException(javaClass.getName() + " registered twice as a " + stage);
    components.add(component);
    return this;
  }

  /**
   * Registers a component without settings under the type it describes itself with: one instance,
   * and an object holding only its type.
   */
  <C extends T> ComponentRegistry<T, X> addConstant(C instance) {
    @SuppressWarnings("unchecked")
    Class<C> javaClass = (Class<C>) instance.getClass();
    return add(describer.apply(instance).type(), javaClass, (o, context) -> {
      o.allowOnly(TYPE_ONLY);
      return instance;
    }, (g, c, stages) -> {});
  }

  /** The registrations, in the order they were made. */
  List<Component<T, X>> components() {
    return List.copyOf(components);
  }

  /** The stage's field name in tokenizer.json. */
  String stage() {
    return stage;
  }

  /** Reads the component {@code type} names from the object {@code o}. */
  T read(JsonPath o, String type, X context) throws TokenizerFormatException {
    Component<T, X> component = byType.get(type);
    if (component == null) throw JsonPath.unsupported(o, stage, type);
    return component.reader().read(o, context);
  }

  /** Writes {@code component} as an object with its type first, or null. */
  @Override
  public void write(JsonGenerator g, T component) throws IOException {
    if (component == null) {
      g.writeNull();
      return;
    }
    Component<T, X> registered = byClass.get(component.getClass());
    if (registered == null) throw new TokenizerFormatException("cannot write " + stage + " " + component.getClass().getSimpleName() + ": tokenizer.json has no type for it");
    g.writeStartObject();
    g.writeStringField("type", registered.type());
    registered.writer().write(g, component, this);
    g.writeEndObject();
  }
}
