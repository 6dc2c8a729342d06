package io.vineyard.api;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * The element types of arrays and tensors, with the three names other Vineyard clients use.
 *
 * <p>{@link #cppName()} goes in typenames ({@code vineyard::Array<double>}): the C++ name for
 * {@code int}, {@code int64}, {@code uint32}, {@code uint64}, {@code float}, {@code double}, and
 * numpy's name otherwise. {@link #numpyName()} is numpy's dtype name ({@code float64}) and {@link
 * #numpyDtype()} its dtype string ({@code <f8}). Elements are little-endian in memory.
 */
public enum ElementType {
  INT8("int8", "int8", "|i1", ValueLayout.JAVA_BYTE, byte[].class),
  UINT8("uint8", "uint8", "|u1", ValueLayout.JAVA_BYTE, null),
  BOOL("bool", "bool", "|b1", ValueLayout.JAVA_BYTE, boolean[].class),
  INT16("int16", "int16", "<i2", ValueLayout.JAVA_SHORT_UNALIGNED, short[].class),
  INT32("int", "int32", "<i4", ValueLayout.JAVA_INT_UNALIGNED, int[].class),
  UINT32("uint32", "uint32", "<u4", ValueLayout.JAVA_INT_UNALIGNED, null),
  INT64("int64", "int64", "<i8", ValueLayout.JAVA_LONG_UNALIGNED, long[].class),
  UINT64("uint64", "uint64", "<u8", ValueLayout.JAVA_LONG_UNALIGNED, null),
  FLOAT("float", "float32", "<f4", ValueLayout.JAVA_FLOAT_UNALIGNED, float[].class),
  DOUBLE("double", "float64", "<f8", ValueLayout.JAVA_DOUBLE_UNALIGNED, double[].class);

  private final String cppName;
  private final String numpyName;
  private final String numpyDtype;
  private final ValueLayout layout;
  private final Class<?> javaArray;

  ElementType(
      String cppName, String numpyName, String numpyDtype, ValueLayout layout, Class<?> javaArray) {
    this.cppName = cppName;
    this.numpyName = numpyName;
    this.numpyDtype = numpyDtype;
    this.layout = layout.withOrder(ByteOrder.LITTLE_ENDIAN);
    this.javaArray = javaArray;
  }

  /** The name in typenames, e.g. {@code double} in {@code vineyard::Array<double>}. */
  public String cppName() {
    return cppName;
  }

  /** numpy's dtype name, e.g. {@code float64} ({@code value_type_} of tensors). */
  public String numpyName() {
    return numpyName;
  }

  /** numpy's dtype string, e.g. {@code <f8} ({@code value_type_meta_} of tensors). */
  public String numpyDtype() {
    return numpyDtype;
  }

  /** Bytes per element. */
  public int byteSize() {
    return (int) layout.byteSize();
  }

  /** The little-endian, unaligned layout of one element. */
  public MemoryLayout layout() {
    return layout;
  }

  /** The Java array class whose values map to this type ({@code double[]}), if any. */
  public Optional<Class<?>> javaArrayClass() {
    return Optional.ofNullable(javaArray);
  }

  /** The type of a typename parameter ({@code double}) or a numpy name ({@code float64}). */
  public static Optional<ElementType> byName(String name) {
    for (ElementType t : values()) {
      if (t.cppName.equals(name) || t.numpyName.equals(name)) {
        return Optional.of(t);
      }
    }
    return switch (name) {
      case "int32_t" -> Optional.of(INT32);
      case "int64_t" -> Optional.of(INT64);
      case "uint32_t" -> Optional.of(UINT32);
      case "uint64_t" -> Optional.of(UINT64);
      case "float32" -> Optional.of(FLOAT);
      case "float64" -> Optional.of(DOUBLE);
      default -> Optional.empty();
    };
  }

  /** The type of a Java primitive array class, if one maps to it. */
  public static Optional<ElementType> forJavaArray(Class<?> arrayClass) {
    for (ElementType t : values()) {
      if (arrayClass.equals(t.javaArray)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
