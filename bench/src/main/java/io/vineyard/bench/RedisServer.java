package io.vineyard.bench;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisSocketFactory;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * A {@code redis-server} of the bench's own on a private UNIX socket (mode 700, no TCP port, no
 * persistence), started and stopped by the bench; clients are Jedis connections through junixsocket
 * (Java's own {@code Socket} has no UNIX sockets).
 */
final class RedisServer implements AutoCloseable {
  final Path dir;
  final Path socket;
  private final Process process;

  private RedisServer(Path dir, Process process) {
    this.dir = dir;
    this.socket = dir.resolve("redis.sock");
    this.process = process;
  }

  /** Starts one, or returns null when {@code redis-server} is not installed. */
  static RedisServer startIfInstalled() throws IOException, InterruptedException {
    Path exe = Baselines.which("redis-server");
    if (exe == null) {
      return null;
    }
    Path dir = Folders.temp("vineyard-bench-redis");
    Process p =
        new ProcessBuilder(
                exe.toString(),
                "--port",
                "0",
                "--unixsocket",
                dir.resolve("redis.sock").toString(),
                "--unixsocketperm",
                "700",
                "--dir",
                dir.toString(),
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
                // the sweep stores values up to 1 GiB (the default cap is 512 MB)
                "--proto-max-bulk-len",
                "2gb",
                "--client-query-buffer-limit",
                "2gb")
            .redirectErrorStream(true)
            .redirectOutput(Redirect.appendTo(dir.resolve("redis.log").toFile()))
            .start();
    RedisServer r = new RedisServer(dir, p);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      if (Files.exists(r.socket)) {
        try (Jedis j = r.connect()) {
          if ("PONG".equals(j.ping())) {
            return r;
          }
        } catch (JedisConnectionException notYet) {
          // listening soon
        }
      }
      if (!p.isAlive() || System.nanoTime() > deadline) {
        String log = Files.readString(dir.resolve("redis.log"));
        r.close();
        throw new IOException("redis-server did not start; its log:\n" + log);
      }
      Thread.sleep(20);
    }
  }

  /** A new Jedis connection to this server. */
  Jedis connect() {
    Path path = socket;
    JedisSocketFactory factory =
        () -> {
          try {
            Socket s = AFUNIXSocket.newInstance();
            s.connect(AFUNIXSocketAddress.of(path));
            return s;
          } catch (IOException e) {
            throw new JedisConnectionException(e);
          }
        };
    return new Jedis(factory, DefaultJedisClientConfig.builder().timeoutMillis(60_000).build());
  }

  @Override
  public void close() {
    try {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      Folders.delete(dir);
    }
  }
}
