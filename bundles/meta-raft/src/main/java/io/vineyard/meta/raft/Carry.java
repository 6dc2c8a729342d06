package io.vineyard.meta.raft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.protocol.Codec;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.jgroups.protocols.raft.LogEntry;
import org.jgroups.protocols.raft.PersistentState;

/**
 * What an instance brings into the cluster it enters (embedded mode): the persisted trees it owns
 * ({@code instance_id} is its ID) and the names that refer to them.
 *
 * <p>They come from its replica of the generation it was in: the running replica when it moves to a
 * new generation, or, at a start, the Raft log its last run left in the data dir, replayed offline
 * as RAFT would (snapshot, then the committed entries). Before that log is deleted (every start
 * opens a new one) they are written to {@code carry.json} in the data dir, which is deleted once
 * the cluster has them: a start that fails in between loses nothing, the next one reads the file.
 *
 * @param trees the trees, by ID
 * @param names name to ID, every ID one of {@code trees}
 */
record Carry(Map<ObjectId, ObjectMeta> trees, Map<String, ObjectId> names) {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String FILE = "carry.json";

  static Carry empty() {
    return new Carry(new TreeMap<>(), new TreeMap<>());
  }

  /** What {@code instance} owns in a replica. */
  static Carry of(GlobalMetadata g, long instance) {
    Carry c = empty();
    for (ObjectId id : g.ownedBy(instance)) {
      c.trees.put(id, g.get(id).orElseThrow());
    }
    g.names()
        .forEach(
            (name, id) -> {
              if (c.trees.containsKey(id)) {
                c.names.put(name, id);
              }
            });
    return c;
  }

  /**
   * Takes over what the data dir holds for {@code instance}: {@code carry.json} and the old Raft
   * log (merged, the log's newer copies winning), writes the result to {@code carry.json} and
   * deletes the log.
   */
  static Carry takeOver(DataDir dir, long instance) throws Exception {
    Path file = dir.path().resolve(FILE);
    Carry c = Files.exists(file) ? read(file) : empty();
    List<Path> logs = logFiles(dir);
    if (!logs.isEmpty()) {
      Carry fromLog = replay(dir.logFile(), instance);
      c.trees.putAll(fromLog.trees);
      c.names.putAll(fromLog.names);
    }
    if (!c.trees.isEmpty() || Files.exists(file)) {
      dir.replace(FILE, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(c.toJson()));
    }
    for (Path p : logs) {
      Files.deleteIfExists(p);
    }
    return c;
  }

  /**
   * Writes what a running instance brings along to {@code carry.json} (it moves to a new
   * generation).
   */
  void save(DataDir dir) throws IOException {
    dir.replace(FILE, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toJson()));
  }

  /** Deletes {@code carry.json}: the cluster has what it held. */
  static void done(DataDir dir) throws IOException {
    Files.deleteIfExists(dir.path().resolve(FILE));
  }

  static List<Path> logFiles(DataDir dir) throws IOException {
    String prefix = dir.logFile().getFileName().toString();
    try (var files = Files.list(dir.path())) {
      return files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList();
    }
  }

  /**
   * The part whose payload is still here: a tree is kept when every blob it holds (nested members
   * included) that lives on {@code instance} is present; names of dropped trees go too.
   */
  Carry alive(long instance, Predicate<ObjectId> blobPresent) {
    Carry c = empty();
    trees.forEach(
        (id, t) -> {
          if (payloadPresent(t, instance, blobPresent)) {
            c.trees.put(id, t);
          }
        });
    names.forEach(
        (name, id) -> {
          if (c.trees.containsKey(id)) {
            c.names.put(name, id);
          }
        });
    return c;
  }

  /**
   * Whether every blob of {@code tree} (nested members included) that lives on {@code instance} is
   * present; blobs of other instances and the empty blob count as present.
   */
  static boolean payloadPresent(ObjectMeta tree, long instance, Predicate<ObjectId> blobPresent) {
    return tree.localBlobs(instance).stream()
        .allMatch(id -> id.equals(ObjectId.EMPTY_BLOB) || blobPresent.test(id));
  }

  private static Carry replay(Path logFile, long instance) throws Exception {
    MetadataStateMachine machine = new MetadataStateMachine();
    MapDbLog log = MapDbLog.open(logFile);
    try {
      int offset = 0;
      ByteBuffer snapshot = log.getSnapshot();
      if (snapshot != null) {
        byte[] b = new byte[snapshot.remaining()];
        snapshot.duplicate().get(b);
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(b));
        new PersistentState().readFrom(in);
        machine.readContentFrom(in);
        offset = 1;
      }
      // up to the last entry appended, not the commit index the log recorded: that one is written
      // lazily, so after a crash it lags behind changes that were committed and acknowledged (an
      // entry appended and never committed is a change whose caller saw a timeout; bringing it is
      // the late commit Raft allows for such a change anyway)
      for (long i = Math.max(1, log.firstAppended() + offset); i <= log.lastAppended(); i++) {
        LogEntry e = log.get(i);
        if (e != null && e.command() != null && !e.internal()) {
          machine.apply(e.command(), e.offset(), e.length(), false);
        }
      }
    } finally {
      log.close();
    }
    return machine.read(g -> of(g, instance));
  }

  /** The file's form: the trees, in the codec's JSON, and the names. */
  private ObjectNode toJson() throws IOException {
    ObjectNode out = JSON.createObjectNode();
    var t = out.putArray("trees");
    for (ObjectMeta tree : trees.values()) {
      t.add(JSON.readTree(Codec.encodeMeta(tree)));
    }
    ObjectNode n = out.putObject("names");
    names.forEach((name, id) -> n.put(name, id.toString()));
    return out;
  }

  private static Carry read(Path file) throws IOException {
    JsonNode root = JSON.readTree(file.toFile());
    Carry c = empty();
    for (JsonNode t : root.path("trees")) {
      if (t.isObject()) {
        ObjectMeta tree = Codec.decodeMeta(JSON.writeValueAsBytes(t));
        c.trees.put(tree.id(), tree);
      }
    }
    for (Map.Entry<String, JsonNode> e : root.path("names").properties()) {
      c.names.put(e.getKey(), ObjectId.parse(e.getValue().asText()));
    }
    return c;
  }

  /** The trees in ID order, for an {@link MetadataCommand.Announce}. */
  List<ObjectMeta> treeList() {
    return new ArrayList<>(trees.values());
  }

  Map<String, ObjectId> nameMap() {
    return new LinkedHashMap<>(names);
  }
}
