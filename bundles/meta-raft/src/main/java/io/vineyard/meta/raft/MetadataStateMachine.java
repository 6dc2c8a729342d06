package io.vineyard.meta.raft;

import io.vineyard.api.ObjectId;
import io.vineyard.meta.raft.MetadataCommand.Outcome;
import java.io.DataInput;
import java.io.DataOutput;
import java.util.Optional;
import java.util.function.Function;
import org.jgroups.raft.StateMachine;

/**
 * The replicated metadata state machine: applies {@link MetadataCommand}s in log order to a {@link
 * GlobalMetadata} and counts them. The count (the <em>version</em>) is the same on every replica
 * after the same prefix of the log, so "has this replica applied what the leader had applied when I
 * asked" is a comparison of two numbers: that is how reads catch up ({@link #awaitVersion}).
 *
 * <p>Snapshots hold the version and the whole {@link GlobalMetadata}; RAFT takes them when the log
 * passes {@code max_log_size} and sends them to members too far behind. Thread-safe: commands are
 * applied under this object's lock, and readers use {@link #read}, which hands the data out under
 * the same lock (callers copy what they keep).
 */
final class MetadataStateMachine implements StateMachine {
  private final GlobalMetadata data = new GlobalMetadata();
  private long version;

  /** An empty replica. */
  MetadataStateMachine() {}

  @Override
  public byte[] apply(byte[] buf, int offset, int length, boolean serializeResponse)
      throws Exception {
    MetadataCommand command = MetadataCommand.decode(buf, offset, length);
    Outcome outcome;
    synchronized (this) {
      outcome =
          switch (command) {
            case MetadataCommand.Version v ->
                new Outcome(true, version, 0); // read-only: not counted
            case MetadataCommand.Barrier b -> new Outcome(true, ++version, 0);
            case MetadataCommand.Persist p -> {
              p.trees().forEach(data::put);
              yield new Outcome(true, ++version, p.trees().size());
            }
            case MetadataCommand.Delete d -> new Outcome(data.remove(d.id()), ++version, 0);
            case MetadataCommand.PutName n ->
                new Outcome(data.putName(n.name(), n.id()), ++version, 0);
            case MetadataCommand.DropName n -> new Outcome(data.dropName(n.name()), ++version, 0);
            case MetadataCommand.Label l ->
                new Outcome(data.label(l.id(), l.labels()), ++version, 0);
            case MetadataCommand.Announce a ->
                new Outcome(true, ++version, data.announce(a.instance(), a.trees(), a.names()));
            case MetadataCommand.Forget f ->
                new Outcome(data.forget(f.instance(), f.raftId()), ++version, 0);
            case MetadataCommand.Register r ->
                new Outcome(
                    true,
                    ++version,
                    data.register(
                        r.raftId(),
                        r.requested(),
                        r.socket(),
                        r.host(),
                        r.startedAt(),
                        r.rpcEndpoint()));
          };
      notifyAll();
    }
    return serializeResponse ? outcome.encode() : null;
  }

  /** Runs {@code reader} on the replica under its lock. */
  public synchronized <T> T read(Function<GlobalMetadata, T> reader) {
    return reader.apply(data);
  }

  /** The number of commands applied so far. */
  public synchronized long version() {
    return version;
  }

  /**
   * Waits until this replica has applied at least {@code target} commands.
   *
   * @return whether it has, within the timeout
   */
  public synchronized boolean awaitVersion(long target, long timeoutNanos)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeoutNanos;
    while (version < target) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  /** The object a name refers to, waiting up to the timeout for a command that adds it. */
  public synchronized Optional<ObjectId> awaitName(String name, long timeoutNanos)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeoutNanos;
    while (!data.names().containsKey(name)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return Optional.empty();
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return Optional.of(data.names().get(name));
  }

  @Override
  public synchronized void readContentFrom(DataInput in) throws Exception {
    version = in.readLong();
    data.readFrom(in);
    notifyAll();
  }

  @Override
  public synchronized void writeContentTo(DataOutput out) throws Exception {
    out.writeLong(version);
    data.writeTo(out);
  }
}
