package io.vineyard.server.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The store's arena files opened by the server itself, for payload bytes that travel over a
 * connection (the RPC endpoint, migrations): a blob's bytes are at its payload's {@code
 * data_offset} in the file of its {@code store_fd}, the way a client maps them. Each file is opened
 * once, through {@code /proc/self/fd} (it may be unlinked), and closed with the server.
 */
final class StoreFiles implements AutoCloseable {
  private final Map<Integer, FileChannel> open = new ConcurrentHashMap<>();

  /** The file of a store fd, read-write. */
  FileChannel file(int storeFd) {
    return open.computeIfAbsent(
        storeFd,
        fd -> {
          try {
            return FileChannel.open(
                Path.of("/proc/self/fd/" + fd), StandardOpenOption.READ, StandardOpenOption.WRITE);
          } catch (IOException e) {
            throw new UncheckedIOException("cannot open store file of fd " + fd, e);
          }
        });
  }

  @Override
  public void close() {
    for (FileChannel ch : open.values()) {
      try {
        ch.close();
      } catch (IOException e) {
        // nothing left to release
      }
    }
    open.clear();
  }
}
