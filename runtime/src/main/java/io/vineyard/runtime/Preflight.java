package io.vineyard.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * What can be checked before anything starts, each with its real reason: the cluster transport's
 * address belongs to this host, the folders the runtime writes can be made, a given key file
 * exists. A start that would fail on one of them later (after joining a cluster, say) fails here
 * instead, and leaves nothing behind: a folder made to test it is removed again.
 */
final class Preflight {
  private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "0:0:0:0:0:0:0:0");

  private Preflight() {}

  /** One line per problem (what, why, what to do); empty when all is well. */
  static List<String> check(Settings s) {
    List<String> problems = new ArrayList<>();
    if (s.bundles().set().equals("standalone")) {
      // no cluster transport
    } else {
      bindAddress(s.cluster().bind(), problems);
      Path key = s.cluster().clusterKey();
      if (key != null && !Files.isReadable(key)) {
        problems.add(
            "--cluster-key "
                + key
                + ": "
                + (Files.exists(key) ? "not readable by this user" : "no such file")
                + " (copy the key file of a member of the cluster here, mode 0600)");
      }
    }
    folder(s.socket().getParent(), "the socket's folder (--socket " + s.socket() + ")", problems);
    folder(s.shmDir(), "the shared-memory folder (--shm-dir)", problems);
    folder(s.dataDir(), "the data folder (--data-dir)", problems);
    folder(s.pluginsDir(), "the plugins folder (--plugins-dir)", problems);
    if (s.spill() != null) {
      folder(s.spill().dir(), "the spill folder (--spill-path)", problems);
    }
    return problems;
  }

  private static void bindAddress(String bind, List<String> problems) {
    if (WILDCARDS.contains(bind)) {
      return;
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      problems.add(
          "--bind " + bind + ": no such host (give an address of this host, e.g. 127.0.0.1)");
      return;
    }
    try {
      if (address.isLoopbackAddress() || NetworkInterface.getByInetAddress(address) != null) {
        return;
      }
    } catch (SocketException e) {
      return; // cannot tell: the transport will say
    }
    problems.add(
        "--bind "
            + bind
            + ": "
            + address.getHostAddress()
            + " is not an address of this host (its addresses: "
            + String.join(", ", localAddresses())
            + "): give one of them");
  }

  private static List<String> localAddresses() {
    List<String> out = new ArrayList<>();
    try {
      for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        for (InetAddress a : Collections.list(n.getInetAddresses())) {
          String text = a.getHostAddress();
          int zone = text.indexOf('%');
          out.add(zone < 0 ? text : text.substring(0, zone));
        }
      }
    } catch (SocketException e) {
      // none listed
    }
    return out;
  }

  /**
   * Makes sure {@code dir} is, or can be made, a folder this user writes to; leaves no new folder
   * behind.
   */
  private static void folder(Path dir, String what, List<String> problems) {
    if (dir == null) {
      return;
    }
    Path first = dir;
    while (first.getParent() != null && !Files.exists(first.getParent())) {
      first = first.getParent();
    }
    boolean existed = Files.exists(dir);
    try {
      Files.createDirectories(dir);
      if (!Files.isWritable(dir)) {
        problems.add(
            "cannot write to " + what + " " + dir + ": permission denied (give a folder of yours)");
      }
    } catch (AccessDeniedException e) {
      problems.add("cannot create " + what + " " + dir + ": permission denied on " + e.getFile());
    } catch (FileSystemException e) {
      problems.add(
          "cannot create "
              + what
              + " "
              + dir
              + ": "
              + (e.getReason() != null ? e.getReason() : e.getMessage())
              + (e.getFile() != null && !e.getFile().equals(dir.toString())
                  ? " (" + e.getFile() + ")"
                  : ""));
    } catch (IOException e) {
      problems.add("cannot create " + what + " " + dir + ": " + e.getMessage());
    } finally {
      if (!existed) {
        removeCreated(dir, first);
      }
    }
  }

  /**
   * Removes the empty folders from {@code dir} up to {@code first}, the topmost one this check
   * made.
   */
  private static void removeCreated(Path dir, Path first) {
    for (Path p = dir; p != null; p = p.getParent()) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        return;
      }
      if (p.equals(first)) {
        return;
      }
    }
  }
}
