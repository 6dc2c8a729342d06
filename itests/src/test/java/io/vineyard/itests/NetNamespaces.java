package io.vineyard.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private network of Linux network namespaces made with {@code ip netns} for one test: {@code n}
 * hosts {@code PREFIX-0}, {@code PREFIX-1}, … with address {@code 10.231.77.(i+1)/24} on their
 * {@code eth0}, each joined by a veth pair to a bridge in a namespace of its own ({@code
 * PREFIX-sw}), so nothing is added to the machine's own network. {@link #cut} takes a host's link
 * down at the bridge (a partition), {@link #heal} brings it back. {@link #close()} deletes every
 * namespace, which takes their veths with them. Needs root and iproute2.
 */
final class NetNamespaces implements AutoCloseable {
  private final String prefix;
  private final int hosts;

  private NetNamespaces(String prefix, int hosts) {
    this.prefix = prefix;
    this.hosts = hosts;
  }

  /**
   * Why this machine cannot make namespaces (not root, no {@code ip}, or {@code ip netns add}
   * refused), or null when it can.
   */
  static String unavailable() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return "network namespaces need root (running as " + System.getProperty("user.name") + ")";
    }
    try {
      String probe = "vyprobe-" + ProcessHandle.current().pid();
      run("ip", "netns", "add", probe);
      run("ip", "netns", "del", probe);
      return null;
    } catch (IOException e) {
      return "cannot make network namespaces with ip netns: " + e.getMessage();
    }
  }

  /** Deletes the namespaces an earlier run with this prefix left (a killed test JVM, say). */
  static void removeLeftovers(String prefix) throws IOException {
    for (String line : run("ip", "netns", "list").split("\n")) {
      String name = line.split(" ")[0].trim();
      if (name.startsWith(prefix + "-")) {
        run("ip", "netns", "del", name);
      }
    }
  }

  /** Makes the network; on failure, removes what it made. */
  static NetNamespaces create(String prefix, int hosts) throws IOException {
    NetNamespaces net = new NetNamespaces(prefix, hosts);
    try {
      String sw = net.switchName();
      run("ip", "netns", "add", sw);
      run("ip", "-n", sw, "link", "add", "br0", "type", "bridge");
      run("ip", "-n", sw, "link", "set", "br0", "up");
      for (int i = 0; i < hosts; i++) {
        String ns = net.host(i);
        run("ip", "netns", "add", ns);
        run(
            "ip", "-n", ns, "link", "add", "eth0", "type", "veth", "peer", "name", port(i), "netns",
            sw);
        run("ip", "-n", sw, "link", "set", port(i), "master", "br0");
        run("ip", "-n", sw, "link", "set", port(i), "up");
        run("ip", "-n", ns, "addr", "add", address(i) + "/24", "dev", "eth0");
        run("ip", "-n", ns, "link", "set", "eth0", "up");
        run("ip", "-n", ns, "link", "set", "lo", "up");
      }
      return net;
    } catch (IOException | RuntimeException e) {
      net.close();
      throw e;
    }
  }

  /** The namespace of host {@code i}. */
  String host(int i) {
    return prefix + "-" + i;
  }

  private String switchName() {
    return prefix + "-sw";
  }

  private static String port(int i) {
    return "p" + i;
  }

  /** Host {@code i}'s address. */
  static String address(int i) {
    return "10.231.77." + (i + 1);
  }

  /** The command prefix that runs a program on host {@code i}. */
  List<String> exec(int i) {
    return List.of("ip", "netns", "exec", host(i));
  }

  /** Cuts host {@code i} off the others: its link goes down at the bridge. */
  void cut(int i) throws IOException {
    run("ip", "-n", switchName(), "link", "set", port(i), "down");
  }

  /** Joins host {@code i} to the others again. */
  void heal(int i) throws IOException {
    run("ip", "-n", switchName(), "link", "set", port(i), "up");
  }

  /** Deletes the namespaces (and with them the veths and the bridge). */
  @Override
  public void close() throws IOException {
    List<String> failures = new ArrayList<>();
    for (int i = 0; i <= hosts; i++) {
      String ns = i < hosts ? host(i) : switchName();
      try {
        run("ip", "netns", "del", ns);
      } catch (IOException e) {
        if (!e.getMessage().contains("No such file")) {
          failures.add(e.getMessage());
        }
      }
    }
    if (!failures.isEmpty()) {
      throw new IOException("cannot remove network namespaces: " + failures);
    }
  }

  /** Runs a command; its output, or an IOException with its stderr when it fails. */
  private static String run(String... cmd) throws IOException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", cmd) + ": no answer within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(String.join(" ", cmd) + ": interrupted", e);
    }
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + out.trim());
    }
    return out;
  }
}
