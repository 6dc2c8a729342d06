package io.vineyard.meta.raft;

import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.meta.InstanceInfo;
import io.vineyard.protocol.Codec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The commands of the metadata log: small binary records (a type byte, then the fields; trees as
 * UTF-8 JSON), applied by {@link MetadataStateMachine} in log order. {@link Version} is the one
 * read-only command: it is answered by the leader and never enters the log.
 */
sealed interface MetadataCommand {
  byte PERSIST = 1;
  byte DELETE = 2;
  byte PUT_NAME = 3;
  byte DROP_NAME = 4;
  byte REGISTER = 5;
  byte VERSION = 6;
  byte BARRIER = 7;
  byte LABEL = 8;
  byte ANNOUNCE = 9;
  byte FORGET = 10;

  /**
   * Commits trees (members expanded, {@code transient: false}) to the global metadata in one entry.
   */
  record Persist(List<ObjectMeta> trees) implements MetadataCommand {}

  /**
   * Removes a persisted tree and the names referring to it; the outcome says whether it was there.
   */
  record Delete(ObjectId id) implements MetadataCommand {}

  /** Names a persisted object; the outcome fails when the object is gone. */
  record PutName(String name, ObjectId id) implements MetadataCommand {}

  /** Drops a name; the outcome says whether there was one. */
  record DropName(String name) implements MetadataCommand {}

  /**
   * Registers a runtime; the outcome's value is its instance ID ({@code requested} &lt; 0: a new
   * one).
   */
  record Register(
      String raftId, long requested, String socket, String host, long startedAt, String rpcEndpoint)
      implements MetadataCommand {

    /** A registration without an RPC endpoint (as written before endpoints were recorded). */
    Register(String raftId, long requested, String socket, String host, long startedAt) {
      this(raftId, requested, socket, host, startedAt, InstanceInfo.NO_RPC_ENDPOINT);
    }
  }

  /** Asks for the number of commands applied (read-only, answered by the leader). */
  record Version() implements MetadataCommand {}

  /**
   * Changes nothing but is counted: a replica that has applied it has applied every entry before
   * it, Raft's own membership changes included.
   */
  record Barrier() implements MetadataCommand {}

  /**
   * Merges labels into a persisted object's {@code __labels}; the outcome fails when the object is
   * gone.
   */
  record Label(ObjectId id, Map<String, String> labels) implements MetadataCommand {
    public Label {
      labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }
  }

  /**
   * What a runtime entering the cluster brings: the trees it owns and the names of them; replaces
   * whatever the cluster held as that instance's (see {@link GlobalMetadata#announce}).
   */
  record Announce(long instance, List<ObjectMeta> trees, Map<String, ObjectId> names)
      implements MetadataCommand {
    public Announce {
      trees = List.copyOf(trees);
      names = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(names));
    }
  }

  /**
   * Drops an instance that stopped or died, with its objects (see {@link GlobalMetadata#forget}).
   */
  record Forget(long instance, String raftId) implements MetadataCommand {}

  /** The binary form. */
  default byte[] encode() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      switch (this) {
        case Persist p -> {
          out.writeByte(PERSIST);
          writeTrees(out, p.trees());
        }
        case Delete d -> {
          out.writeByte(DELETE);
          out.writeLong(d.id().value());
        }
        case PutName n -> {
          out.writeByte(PUT_NAME);
          out.writeUTF(n.name());
          out.writeLong(n.id().value());
        }
        case DropName n -> {
          out.writeByte(DROP_NAME);
          out.writeUTF(n.name());
        }
        case Register r -> {
          out.writeByte(REGISTER);
          out.writeUTF(r.raftId());
          out.writeLong(r.requested());
          out.writeUTF(r.socket());
          out.writeUTF(r.host());
          out.writeLong(r.startedAt());
          out.writeUTF(r.rpcEndpoint()); // last: entries written before it end above
        }
        case Label l -> {
          out.writeByte(LABEL);
          out.writeLong(l.id().value());
          out.writeInt(l.labels().size());
          for (Map.Entry<String, String> e : l.labels().entrySet()) {
            writeString(out, e.getKey());
            writeString(out, e.getValue());
          }
        }
        case Announce a -> {
          out.writeByte(ANNOUNCE);
          out.writeLong(a.instance());
          writeTrees(out, a.trees());
          out.writeInt(a.names().size());
          for (Map.Entry<String, ObjectId> e : a.names().entrySet()) {
            writeString(out, e.getKey());
            out.writeLong(e.getValue().value());
          }
        }
        case Forget f -> {
          out.writeByte(FORGET);
          out.writeLong(f.instance());
          out.writeUTF(f.raftId());
        }
        case Version v -> out.writeByte(VERSION);
        case Barrier b -> out.writeByte(BARRIER);
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a command written by {@link #encode}. */
  static MetadataCommand decode(byte[] data, int offset, int length) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(data, offset, length));
    byte type = in.readByte();
    return switch (type) {
      case PERSIST -> new Persist(readTrees(in));
      case DELETE -> new Delete(ObjectId.of(in.readLong()));
      case PUT_NAME -> new PutName(in.readUTF(), ObjectId.of(in.readLong()));
      case DROP_NAME -> new DropName(in.readUTF());
      case REGISTER ->
          new Register(
              in.readUTF(),
              in.readLong(),
              in.readUTF(),
              in.readUTF(),
              in.readLong(),
              in.available() > 0 ? in.readUTF() : InstanceInfo.NO_RPC_ENDPOINT);
      case LABEL -> {
        ObjectId id = ObjectId.of(in.readLong());
        Map<String, String> labels = new LinkedHashMap<>();
        for (int n = in.readInt(); n > 0; n--) {
          labels.put(readString(in), readString(in));
        }
        yield new Label(id, labels);
      }
      case ANNOUNCE -> {
        long instance = in.readLong();
        List<ObjectMeta> trees = readTrees(in);
        Map<String, ObjectId> names = new LinkedHashMap<>();
        for (int i = in.readInt(); i > 0; i--) {
          names.put(readString(in), ObjectId.of(in.readLong()));
        }
        yield new Announce(instance, trees, names);
      }
      case FORGET -> new Forget(in.readLong(), in.readUTF());
      case VERSION -> new Version();
      case BARRIER -> new Barrier();
      default ->
          throw new IOException(
              "unknown metadata command type " + type + " (" + length + " bytes)");
    };
  }

  private static void writeTrees(DataOutputStream out, List<ObjectMeta> trees) throws IOException {
    out.writeInt(trees.size());
    for (ObjectMeta t : trees) {
      byte[] b = Codec.encodeMeta(t);
      out.writeInt(b.length);
      out.write(b);
    }
  }

  private static List<ObjectMeta> readTrees(DataInputStream in) throws IOException {
    int n = in.readInt();
    List<ObjectMeta> trees = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      byte[] b = new byte[in.readInt()];
      in.readFully(b);
      trees.add(Codec.decodeMeta(b));
    }
    return trees;
  }

  /** UTF-8 with an int length (label values may pass writeUTF's 64 KiB limit). */
  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(DataInputStream in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  /**
   * What applying a command did.
   *
   * @param ok whether it took effect (false: the object or name was not there)
   * @param version the number of commands the answering replica had applied, this one included
   * @param value a command-specific number (the instance ID of a registration)
   */
  record Outcome(boolean ok, long version, long value) {
    byte[] encode() {
      byte[] b = new byte[17];
      java.nio.ByteBuffer.wrap(b).put((byte) (ok ? 1 : 0)).putLong(version).putLong(value);
      return b;
    }

    static Outcome decode(byte[] b) {
      java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b);
      return new Outcome(buf.get() == 1, buf.getLong(), buf.getLong());
    }
  }
}
