package io.vineyard.runtime;

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
 * <p>The server sees a connection that closes before {@code register_request}; it must take that
 * in its stride.
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
     * @param stillWorthWaiting polled between attempts: waiting ends early when it turns false
     *     (the framework stopped, say)
     * @return true once the socket is served; false on timeout or when no longer worth waiting
     * @throws InterruptedException if interrupted while waiting
     */
    public static boolean awaitServed(Path socket, Duration timeout, BooleanSupplier stillWorthWaiting)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (stillWorthWaiting.getAsBoolean()) {
            if (isServed(socket)) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return false;
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
            throw new IllegalArgumentException("socket path " + socket + " is " + length
                    + " bytes long; UNIX sockets take at most " + MAX_PATH_BYTES + " (pick a shorter --socket)");
        }
    }
}
