package io.vineyard.meta.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vineyard.meta.InstanceInfo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Instances' RPC endpoints in the replicated registry: carried by registrations, kept in snapshots,
 * and absent (not an error) in entries and snapshots written before they were recorded.
 */
class RpcEndpointRecordTest {

  @Test
  void aRegistrationCarriesItsEndpointAndOlderOnesReadWithout() throws Exception {
    var r = new MetadataCommand.Register("vy-a", 3, "/a.sock", "h", 5, "10.0.0.5:9600");
    byte[] bytes = r.encode();
    assertEquals(r, MetadataCommand.decode(bytes, 0, bytes.length));
    // an entry written before endpoints were recorded ends right before the endpoint
    byte[] old = Arrays.copyOf(bytes, bytes.length - (2 + "10.0.0.5:9600".length()));
    assertEquals(
        new MetadataCommand.Register("vy-a", 3, "/a.sock", "h", 5),
        MetadataCommand.decode(old, 0, old.length));
    assertEquals(
        InstanceInfo.NO_RPC_ENDPOINT,
        ((MetadataCommand.Register) MetadataCommand.decode(old, 0, old.length)).rpcEndpoint());
  }

  @Test
  void snapshotsKeepEndpointsAndOlderSnapshotsStillRead() throws Exception {
    GlobalMetadata g = new GlobalMetadata();
    g.register("vy-a", 0, "/a.sock", "h", 1, "127.0.0.1:9600");
    g.register("vy-b", 1, "/b.sock", "h", 2);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    g.writeTo(new DataOutputStream(bytes));
    GlobalMetadata back = new GlobalMetadata();
    back.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertEquals("127.0.0.1:9600", back.instances().get(0).info(true).rpcEndpoint());
    assertEquals(InstanceInfo.NO_RPC_ENDPOINT, back.instances().get(1).rpcEndpoint());

    // cut where the endpoints start: what a snapshot of the previous version holds
    int endpoints = 4 + 2 * 8 + (2 + "127.0.0.1:9600".length()) + (2 + 9);
    byte[] old = Arrays.copyOf(bytes.toByteArray(), bytes.size() - endpoints);
    GlobalMetadata older = new GlobalMetadata();
    older.readFrom(new DataInputStream(new ByteArrayInputStream(old)));
    assertEquals(2, older.instances().size());
    assertEquals(InstanceInfo.NO_RPC_ENDPOINT, older.instances().get(0).rpcEndpoint());
  }
}
