package io.vineyard.server.internal;

/**
 * JMX view of one instance ({@code io.vineyard:type=Instance,socket="<path>"}): its memory, what it
 * holds, its connections and, in a cluster, its Raft figures.
 */
public interface InstanceMXBean {
  /** The instance's ID. */
  long getInstanceId();

  /** The IPC socket it serves. */
  String getSocket();

  /** Bytes allocated in the bulk store. */
  long getMemoryUsage();

  /** The bulk store's cap ({@code --size}). */
  long getMemoryLimit();

  /** Objects whose metadata the instance holds (transient and global). */
  long getObjects();

  /** Sealed and unsealed blobs in the bulk store. */
  int getBlobs();

  /** Open IPC connections. */
  int getConnections();

  /** {@code Leader}, {@code Follower}, ...; empty without a Raft metadata service. */
  String getRaftRole();

  /** The Raft term; -1 without a Raft metadata service. */
  long getRaftTerm();

  /** The Raft commit index; -1 without a Raft metadata service. */
  long getRaftCommitIndex();
}
