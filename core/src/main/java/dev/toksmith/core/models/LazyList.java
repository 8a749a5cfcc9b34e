package dev.toksmith.core.models;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;

/** Unmodifiable lists whose elements are made when read: a model's tables in its description cost nothing until used. */
public final class LazyList {
  private LazyList() {}

  /** A list of {@code size} elements, element {@code i} being {@code element.apply(i)}. */
  public static <T> List<T> of(int size, IntFunction<T> element) {
    return new AbstractList<>() {
      @Override
      public T get(int index) {
        return element.apply(Objects.checkIndex(index, size));
      }

      @Override
      public int size() {
        return size;
      }
    };
  }
}
