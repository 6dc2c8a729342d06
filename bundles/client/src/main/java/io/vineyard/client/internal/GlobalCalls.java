package io.vineyard.client.internal;

import io.vineyard.api.ClusterInstance;
import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardException;
import io.vineyard.protocol.InstanceMessages.ClusterMetaRequest;
import io.vineyard.protocol.InstanceMessages.Member;
import io.vineyard.protocol.NameMessages.DropNameRequest;
import io.vineyard.protocol.NameMessages.GetNameRequest;
import io.vineyard.protocol.NameMessages.IfPersistRequest;
import io.vineyard.protocol.NameMessages.LabelRequest;
import io.vineyard.protocol.NameMessages.ListNameRequest;
import io.vineyard.protocol.NameMessages.PersistRequest;
import io.vineyard.protocol.NameMessages.PutNameRequest;
import io.vineyard.protocol.RemoteMessages.MigrateObjectRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The cluster-wide requests of a client: persist, names, labels and the cluster's instances. */
final class GlobalCalls {
  private final IpcConnection conn;

  GlobalCalls(IpcConnection conn) {
    this.conn = conn;
  }

  void persist(ObjectId id) {
    conn.call(new PersistRequest(id));
  }

  ObjectId migrate(ObjectId id) {
    ObjectId copy = conn.call(new MigrateObjectRequest(id)).objectId();
    if (copy == null) {
      throw new VineyardException.Invalid("migrate_object_reply without 'object_id'");
    }
    return copy;
  }

  boolean isPersisted(ObjectId id) {
    return conn.call(new IfPersistRequest(id)).persist();
  }

  void putName(ObjectId id, String name) {
    conn.call(new PutNameRequest(id, checked(name)));
  }

  void label(ObjectId id, Map<String, String> labels) {
    List<String> keys = new ArrayList<>();
    List<String> values = new ArrayList<>();
    labels.forEach(
        (k, v) -> {
          if (k == null || v == null) {
            throw new VineyardException.Invalid("a label's key and value must not be null");
          }
          keys.add(k);
          values.add(v);
        });
    conn.call(new LabelRequest(id, keys, values));
  }

  ObjectId getName(String name, boolean wait) {
    ObjectId id = conn.call(new GetNameRequest(checked(name), wait)).objectId();
    if (id == null) {
      throw new VineyardException.Invalid("get_name_reply without 'object_id'");
    }
    return id;
  }

  Map<String, ObjectId> listNames(String pattern, boolean regex, int limit) {
    if (limit < 0) {
      throw new VineyardException.Invalid("list limit must not be negative, got " + limit);
    }
    Map<String, ObjectId> names =
        conn.call(new ListNameRequest(pattern, regex, (long) limit)).names();
    return names == null ? new LinkedHashMap<>() : new LinkedHashMap<>(names);
  }

  void dropName(String name) {
    conn.call(new DropNameRequest(checked(name)));
  }

  List<ClusterInstance> clusterMeta() {
    Map<String, Member> meta = conn.call(new ClusterMetaRequest()).meta();
    List<ClusterInstance> out = new ArrayList<>();
    if (meta != null) {
      meta.forEach(
          (key, i) -> {
            long id = Long.parseUnsignedLong(key.startsWith("i") ? key.substring(1) : key);
            out.add(
                new ClusterInstance(
                    id,
                    orEmpty(i.ipcSocket()),
                    orEmpty(i.hostname()),
                    orEmpty(i.rpcEndpoint()),
                    i.status() == null ? "running" : i.status(),
                    i.timestamp()));
          });
    }
    return out;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static String checked(String name) {
    if (name == null || name.isEmpty()) {
      throw new VineyardException.Invalid("a name must not be empty");
    }
    return name;
  }
}
