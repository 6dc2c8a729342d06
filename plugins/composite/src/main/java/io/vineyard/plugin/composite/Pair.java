package io.vineyard.plugin.composite;

import java.util.Objects;

/**
 * Two values, put as one {@code vineyard::Pair} object (Python's 2-tuple).
 *
 * <p>To put, each element is a Java value some object-type plugin can put (e.g. a {@code byte[]}),
 * an {@link io.vineyard.api.ObjectId} or a {@link io.vineyard.api.VineyardObject} already in the
 * store (reused, not copied); {@code null} elements are rejected. As the result of a {@code get},
 * an element is its member's Java value, or {@code null} when that member's payload lives on
 * another instance. Equality is the elements' {@code equals} (identity for arrays).
 *
 * @param first the first element
 * @param second the second element
 * @param <A> the type of the first element
 * @param <B> the type of the second element
 */
public record Pair<A, B>(A first, B second) {

  /** Returns the pair {@code (first, second)}. */
  public static <A, B> Pair<A, B> of(A first, B second) {
    return new Pair<>(first, second);
  }

  /**
   * The text form {@code (first, second)}, as Python prints a tuple; a missing element prints as
   * {@code null}.
   */
  @Override
  public String toString() {
    return "(" + Objects.toString(first) + ", " + Objects.toString(second) + ")";
  }
}
