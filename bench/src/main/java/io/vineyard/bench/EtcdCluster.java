package io.vineyard.bench;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Three etcd members on loopback ports of the bench's own (data in a temporary folder), started and
 * stopped by the bench, and a kept-alive jetcd client to all three.
 */
final class EtcdCluster implements AutoCloseable {
  final Path dir;
  private final List<Process> members = new ArrayList<>();
  private final List<String> clientUrls = new ArrayList<>();
  private Client client;

  private EtcdCluster(Path dir) {
    this.dir = dir;
  }

  /** Starts one, or returns null when {@code etcd} is not installed. */
  static EtcdCluster startIfInstalled() throws IOException, InterruptedException {
    Path exe = Baselines.which("etcd");
    if (exe == null) {
      return null;
    }
    EtcdCluster c = new EtcdCluster(Folders.temp("vineyard-bench-etcd"));
    try {
      c.start(exe, 3);
      return c;
    } catch (IOException | RuntimeException | InterruptedException e) {
      c.close();
      throw e;
    }
  }

  private void start(Path exe, int n) throws IOException, InterruptedException {
    int[] peerPorts = new int[n];
    int[] clientPorts = new int[n];
    for (int i = 0; i < n; i++) {
      peerPorts[i] = freePort();
      clientPorts[i] = freePort();
    }
    StringBuilder initial = new StringBuilder();
    for (int i = 0; i < n; i++) {
      initial.append(i == 0 ? "" : ",").append("m").append(i);
      initial.append("=http://127.0.0.1:").append(peerPorts[i]);
    }
    String token = "vineyard-bench-" + ProcessHandle.current().pid();
    for (int i = 0; i < n; i++) {
      String clientUrl = "http://127.0.0.1:" + clientPorts[i];
      String peerUrl = "http://127.0.0.1:" + peerPorts[i];
      clientUrls.add(clientUrl);
      Path log = dir.resolve("m" + i + ".log");
      Process p =
          new ProcessBuilder(
                  exe.toString(),
                  "--name",
                  "m" + i,
                  "--data-dir",
                  dir.resolve("m" + i).toString(),
                  "--listen-client-urls",
                  clientUrl,
                  "--advertise-client-urls",
                  clientUrl,
                  "--listen-peer-urls",
                  peerUrl,
                  "--initial-advertise-peer-urls",
                  peerUrl,
                  "--initial-cluster",
                  initial.toString(),
                  "--initial-cluster-token",
                  token,
                  "--initial-cluster-state",
                  "new",
                  "--log-level",
                  "warn")
              .redirectErrorStream(true)
              .redirectOutput(Redirect.appendTo(log.toFile()))
              .start();
      members.add(p);
    }
    client = Client.builder().endpoints(clientUrls.toArray(String[]::new)).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        kv().put(bytes("bench/ready"), bytes("1")).get(5, TimeUnit.SECONDS);
        return;
      } catch (Exception notYet) {
        for (Process p : members) {
          if (!p.isAlive()) {
            throw new IOException("an etcd member exited; logs in " + dir + ": " + logs());
          }
        }
        if (System.nanoTime() > deadline) {
          throw new IOException("etcd did not accept a put within 60 s: " + logs());
        }
        Thread.sleep(100);
      }
    }
  }

  private String logs() throws IOException {
    StringBuilder s = new StringBuilder();
    try (var files = Files.list(dir)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".log")).toList()) {
        s.append("\n--- ").append(f.getFileName()).append('\n').append(Files.readString(f));
      }
    }
    return s.toString();
  }

  static ByteSequence bytes(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** The kept-alive client's KV service (one gRPC channel, shared by the caller's threads). */
  KV kv() {
    return client.getKVClient();
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
    for (Process p : members) {
      p.destroy();
    }
    for (Process p : members) {
      try {
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    Folders.delete(dir);
  }
}
