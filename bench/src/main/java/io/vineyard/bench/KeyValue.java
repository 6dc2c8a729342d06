package io.vineyard.bench;

import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.Jedis;

/**
 * One client's connection to a store under test, reduced to what both stores offer, so that one
 * loop drives ours and Redis with exactly the same access pattern: put a value, read it back,
 * delete a batch of them.
 */
interface KeyValue extends AutoCloseable {
  /** Stores {@code value}; returns the handle to read or delete it with. */
  Object put(byte[] value);

  /** Reads the value back (and touches its first and last byte); returns its size. */
  int get(Object handle);

  /** Whether the value exists. */
  boolean exists(Object handle);

  /** Deletes the values, in one request. */
  void delete(List<Object> handles);

  @Override
  void close();

  /** Our Java client: put copies into shared memory, get maps it (no copy). */
  static KeyValue of(VineyardClient client) {
    return new KeyValue() {
      @Override
      public Object put(byte[] value) {
        return client.put(value);
      }

      @Override
      public int get(Object handle) {
        ByteBuffer b = (ByteBuffer) client.get((ObjectId) handle);
        int n = b.remaining();
        if (n > 0 && (b.get(0) | b.get(n - 1)) == 0x7f00) {
          throw new IllegalStateException(); // never: keeps the reads
        }
        return n;
      }

      @Override
      public boolean exists(Object handle) {
        return client.exists((ObjectId) handle);
      }

      @Override
      public void delete(List<Object> handles) {
        List<ObjectId> ids = new ArrayList<>(handles.size());
        for (Object h : handles) {
          ids.add((ObjectId) h);
        }
        // no release: our views release their blobs themselves once unreachable
        client.delete(ids, false, true);
      }

      @Override
      public void close() {
        client.close();
      }
    };
  }

  /** Redis through Jedis: SET of a new key, GET (a copy into a byte[]), DEL of a batch. */
  static KeyValue of(Jedis jedis) {
    AtomicLong next = new AtomicLong();
    String prefix = "bench:" + System.identityHashCode(jedis) + ":";
    return new KeyValue() {
      @Override
      public Object put(byte[] value) {
        byte[] key = (prefix + next.incrementAndGet()).getBytes(StandardCharsets.US_ASCII);
        jedis.set(key, value);
        return key;
      }

      @Override
      public int get(Object handle) {
        byte[] b = jedis.get((byte[]) handle);
        int n = b.length;
        if (n > 0 && (b[0] | b[n - 1]) == 0x7f00) {
          throw new IllegalStateException();
        }
        return n;
      }

      @Override
      public boolean exists(Object handle) {
        return jedis.exists((byte[]) handle);
      }

      @Override
      public void delete(List<Object> handles) {
        jedis.del(handles.toArray(byte[][]::new));
      }

      @Override
      public void close() {
        jedis.close();
      }
    };
  }
}
