package io.vineyard.runtime;

import io.vineyard.settings.Deadline;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Asks whether a UNIX-domain socket is served, by connecting to it and closing at once.
 *
 * <p>The server sees a connection that closes before {@code register_request}; it must take that in
 * its stride.
 */
public final class SocketProbe {
  /** The longest socket path the kernel takes ({@code sun_path} is 108 bytes with the NUL). */
  public static final int MAX_PATH_BYTES = 107;

  private SocketProbe() {}

  /**
   * Tells whether a process accepts connections on {@code socket} right now.
   *
   * @param socket the socket path
   * @return true if a connection succeeded
   */
  public static boolean isServed(Path socket) {
    try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      return channel.isConnected();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Waits until {@code socket} is served, polling every 20 ms.
   *
   * @param socket the socket path
   * @param timeout how long to wait at most
   * @param stillWorthWaiting polled between attempts: waiting ends early when it turns false (the
   *     framework stopped, say)
   * @return true once the socket is served; false on timeout or when no longer worth waiting
   * @throws InterruptedException if interrupted while waiting
   */
  public static boolean awaitServed(
      Path socket, Duration timeout, BooleanSupplier stillWorthWaiting)
      throws InterruptedException {
    // no event tells when a socket starts to accept: polling is the only way
    boolean[] served = new boolean[1];
    Deadline.in(timeout)
        .poll(
            Duration.ofMillis(20),
            () -> !stillWorthWaiting.getAsBoolean() || (served[0] = isServed(socket)));
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted while waiting for " + socket + " to be served");
    }
    return served[0];
  }

  /**
   * Checks that {@code socket} fits a {@code sockaddr_un}.
   *
   * @param socket the socket path
   * @throws IllegalArgumentException naming the path and its length if it is too long
   */
  public static void checkLength(Path socket) {
    int length = socket.toString().getBytes(StandardCharsets.UTF_8).length;
    if (length > MAX_PATH_BYTES) {
      throw new IllegalArgumentException(
          "socket path "
              + socket
              + " is "
              + length
              + " bytes long; UNIX sockets take at most "
              + MAX_PATH_BYTES
              + " (pick a shorter --socket)");
    }
  }
}
