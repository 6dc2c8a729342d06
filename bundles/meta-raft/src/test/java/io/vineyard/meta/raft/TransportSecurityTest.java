package io.vineyard.meta.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.meta.IdGenerator;
import io.vineyard.testkit.OtherUser;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.jgroups.Version;
import org.jgroups.stack.IpAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster transport admits only holders of the cluster's key, bounds what a frame can make a
 * member allocate, and keeps its files to their owner.
 */
class TransportSecurityTest {
  @TempDir Path tmp;
  private final String cluster = "sec-" + UUID.randomUUID().toString().substring(0, 8);
  private RaftMetadataService a;

  private ClusterSettings settings(String name) {
    return ClusterSettings.embedded(
        cluster,
        tmp.resolve("discovery"),
        tmp.resolve(name),
        "/run/" + name + ".sock",
        Duration.ofSeconds(2));
  }

  @AfterEach
  void stop() {
    if (a != null) {
      a.close();
    }
  }

  private ObjectId persistOne(RaftMetadataService on) {
    ObjectId id = new IdGenerator(on.instanceId()).nextObjectId();
    on.put(ObjectMeta.builder("vineyard::Scalar<int>").id(id).instanceId(on.instanceId()).build());
    on.persist(id);
    return id;
  }

  @Test
  @Timeout(60)
  void aMemberWithoutTheKeyCannotJoinNorMakeAMemberApplyAnything() throws Exception {
    a = RaftMetadataService.start(settings("a"));
    RaftGroup real = a.instance().group;
    long applied = real.machine().version();
    // an intruder that found the group's address and name, with the same stack and another key
    Bootstrap b =
        new Bootstrap(
            "intruder", real.bootstrap().groupName(), real.bootstrap().initialMembers(), true);
    Path dir = Files.createDirectories(tmp.resolve("intruder"));
    MapDbLog log = MapDbLog.open(dir.resolve("raft-log.db"));
    RaftGroup intruder =
        RaftGroup.connect(
            settings("intruder"),
            b,
            log,
            new MetadataStateMachine(),
            new SecretKeySpec(new byte[32], "AES"));
    try {
      assertThrows(
          RuntimeException.class,
          () ->
              intruder.joinGroup(
                  Duration.ofSeconds(4),
                  Duration.ofSeconds(2),
                  ids -> String.join(",", ids),
                  () -> false));
      assertFalse(
          real.connected().contains("intruder"), "not in the member's view: " + real.connected());
      assertFalse(intruder.hasLeader(), "it never learned who leads");
      assertEquals(List.of(real.raftId()), real.raft().members());
      assertEquals(applied, real.machine().version(), "nothing applied");
    } finally {
      intruder.close();
    }
    ObjectId id = persistOne(a);
    assertTrue(a.isPersisted(id), "the cluster keeps serving");
  }

  @Test
  @Timeout(60)
  void aFrameNamingTwoGibibytesClosesItsConnectionWithoutAllocating() throws Exception {
    a = RaftMetadataService.start(settings("a"));
    InetSocketAddress target = a.instance().group.transportAddress();
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long usedBefore = rt.totalMemory() - rt.freeMemory();
    try (Socket s = new Socket(target.getAddress(), target.getPort())) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.write(new byte[] {'b', 'e', 'l', 'a'}); // JGroups' TCP handshake, as a peer sends it
      out.writeShort(Version.version);
      IpAddress self = new IpAddress("127.0.0.1", 1);
      out.writeShort(self.serializedSize());
      self.writeTo(out);
      out.writeInt(Integer.MAX_VALUE); // a frame of 2 GiB
      out.write(new byte[64]);
      s.getOutputStream().write(bytes.toByteArray());
      s.getOutputStream().flush();
      s.setSoTimeout(10_000);
      InputStream in = s.getInputStream();
      assertEquals(-1, in.read(), "the member closes the connection");
    } catch (java.net.SocketException reset) {
      // closed with a reset: as good
    }
    long usedAfter = rt.totalMemory() - rt.freeMemory();
    assertTrue(
        usedAfter - usedBefore < 512L << 20,
        "no 2 GiB buffer: heap grew by " + (usedAfter - usedBefore));
    ObjectId id = persistOne(a);
    assertTrue(a.isPersisted(id), "the cluster keeps serving");
  }

  @Test
  @Timeout(60)
  void theDiscoveryFolderAndTheKeyAreTheOwnersOnly() throws Exception {
    a = RaftMetadataService.start(settings("a"));
    Path folder = tmp.resolve("discovery");
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
    try (var files = Files.walk(folder)) {
      for (Path f : files.toList()) {
        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(f));
        if (Files.isDirectory(f)) {
          continue; // inside the 0700 folder
        }
        if (f.getFileName().toString().endsWith(".list")
            || f.getFileName().toString().endsWith(".lock")) {
          continue; // JGroups' entries and the empty lock file: inside the 0700 folder, nothing
          // secret
        }
        assertEquals("rw-------", mode, f.toString());
      }
    }
    Path key = folder.resolve(cluster + ".key");
    assertEquals(65, Files.size(key), "64 hex digits and a newline");
    // a key readable by others is refused
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> ClusterKey.load(key, false));
    assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    assertNotEquals(null, ClusterKey.load(key, false));
  }

  @Test
  @Timeout(60)
  void anotherUnixUserCannotReadTheDiscoveryFolderNorTheKey() throws Exception {
    a = RaftMetadataService.start(settings("a"));
    Path folder = tmp.resolve("discovery");
    OtherUser other = OtherUser.create();
    org.junit.jupiter.api.Assumptions.assumeTrue(other != null, OtherUser.SKIPPED);
    // the parents must let the other user walk to the folder, so that only its own mode decides
    for (Path p = folder.getParent(); p != null; p = p.getParent()) {
      if (p.startsWith(tmp.getParent()) && !p.equals(tmp.getParent())) {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    }
    assertFalse(other.canRun("ls", folder.toString()), "listing " + folder);
    assertFalse(
        other.canRun("cat", folder.resolve(cluster + ".key").toString()), "reading the key");
    assertTrue(
        other.canRun("ls", folder.getParent().toString()),
        "the test itself works: the parent is listable");
  }
}
