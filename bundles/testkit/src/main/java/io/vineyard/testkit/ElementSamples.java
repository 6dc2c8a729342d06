package io.vineyard.testkit;

import io.vineyard.api.ElementType;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;

/**
 * Test data for every {@link ElementType}, and its little-endian bytes computed independently of
 * the plugins (through java.nio, not {@link io.vineyard.api.spi.ElementData}).
 */
public final class ElementSamples {
  private ElementSamples() {}

  /** {@code n} distinctive elements of the type, in the Java array that holds them. */
  public static Object array(ElementType t, int n) {
    return switch (t) {
      case INT8, UINT8 -> {
        byte[] a = new byte[n];
        for (int i = 0; i < n; i++) a[i] = (byte) (i * 37 - 100);
        yield a;
      }
      case BOOL -> {
        boolean[] a = new boolean[n];
        for (int i = 0; i < n; i++) a[i] = i % 3 == 0;
        yield a;
      }
      case INT16 -> {
        short[] a = new short[n];
        for (int i = 0; i < n; i++) a[i] = (short) (i * 1000 - 3000);
        yield a;
      }
      case INT32, UINT32 -> {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i * 123456789 - 7;
        yield a;
      }
      case INT64, UINT64 -> {
        long[] a = new long[n];
        for (int i = 0; i < n; i++) a[i] = i * 0x0123456789ABCDEFL - 3;
        yield a;
      }
      case FLOAT -> {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = i * 1.5f - 2;
        yield a;
      }
      case DOUBLE -> {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = i * Math.PI - 1;
        yield a;
      }
    };
  }

  /** The buffer kind a resolve gives for the type. */
  public static Class<? extends Buffer> bufferKind(ElementType t) {
    return switch (t) {
      case INT8, UINT8, BOOL -> ByteBuffer.class;
      case INT16 -> ShortBuffer.class;
      case INT32, UINT32 -> IntBuffer.class;
      case INT64, UINT64 -> LongBuffer.class;
      case FLOAT -> FloatBuffer.class;
      case DOUBLE -> DoubleBuffer.class;
    };
  }

  /** The elements of a primitive array as little-endian bytes (a bool as 0 or 1). */
  public static byte[] littleEndian(Object array) {
    int n = java.lang.reflect.Array.getLength(array);
    ByteBuffer b;
    switch (array) {
      case byte[] a -> b = ByteBuffer.allocate(n).put(a);
      case boolean[] a -> {
        b = ByteBuffer.allocate(n);
        for (boolean v : a) b.put((byte) (v ? 1 : 0));
      }
      case short[] a -> {
        b = ByteBuffer.allocate(2 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.asShortBuffer().put(a);
      }
      case int[] a -> {
        b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(a);
      }
      case long[] a -> {
        b = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(a);
      }
      case float[] a -> {
        b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(a);
      }
      case double[] a -> {
        b = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(a);
      }
      default -> throw new IllegalArgumentException(array.getClass().getName());
    }
    return b.array();
  }
}
