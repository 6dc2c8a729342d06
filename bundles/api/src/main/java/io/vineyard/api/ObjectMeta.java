package io.vineyard.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The metadata tree of one object, in vineyardd's layout (DESIGN §3).
 *
 * <p>Every tree has {@code typename}, {@code id} (text form), {@code instance_id}, {@code nbytes},
 * {@code transient} and {@code signature}; members are nested trees under their member name,
 * recognised by their {@code typename} field. Instances wrap a Jackson tree and are treated as
 * immutable once handed out: {@link #tree()} returns a copy.
 */
public final class ObjectMeta {
  private final ObjectNode tree;

  private ObjectMeta(ObjectNode tree) {
    this.tree = tree;
  }

  /** Wraps a tree received from a server or built by a plugin; the tree is copied. */
  public static ObjectMeta of(JsonNode tree) {
    if (tree == null || !tree.isObject()) {
      throw new VineyardException.MetaTreeInvalid("a metadata tree must be a JSON object, got " + tree);
    }
    return new ObjectMeta(((ObjectNode) tree).deepCopy());
  }

  /**
   * The tree vineyardd gives a blob (blobs have no metadata of their own): {@code id},
   * {@code typename}, {@code length} and {@code nbytes} (both the size), {@code instance_id},
   * {@code transient: true}.
   */
  public static ObjectMeta blob(ObjectId id, long size, long instanceId) {
    ObjectNode t = JsonNodeFactory.instance.objectNode();
    t.put("id", id.toString());
    t.put("typename", Blob.TYPENAME);
    t.put("length", size);
    t.put("nbytes", size);
    t.set("instance_id", instanceId >= 0 ? JsonNodeFactory.instance.numberNode(instanceId)
        : JsonNodeFactory.instance.numberNode(new java.math.BigInteger(Long.toUnsignedString(instanceId))));
    t.put("transient", true);
    return new ObjectMeta(t);
  }

  /** Starts a new tree of the given typename. */
  public static Builder builder(String typename) {
    return new Builder(typename);
  }

  /** The full type name, e.g. {@code vineyard::Array<double>}. */
  public String typename() {
    return tree.path("typename").asText("");
  }

  /** The object's ID, or {@link ObjectId#INVALID} for a tree not created yet. */
  public ObjectId id() {
    JsonNode id = tree.get("id");
    return id == null || id.asText().isEmpty() ? ObjectId.INVALID : ObjectId.parse(id.asText());
  }

  /** The instance that created the object (and holds its local blobs). */
  public long instanceId() {
    return tree.path("instance_id").asLong(-1);
  }

  /** The payload size in bytes, members included. */
  public long nbytes() {
    return tree.path("nbytes").asLong(0);
  }

  /** Whether the object is known only to its instance (not persisted). */
  public boolean isTransient() {
    return tree.path("transient").asBoolean(true);
  }

  /** The field's text value, if present and not a member. */
  public Optional<String> string(String field) {
    JsonNode n = tree.get(field);
    return n == null || n.isObject() ? Optional.empty() : Optional.of(n.asText());
  }

  /** The field's integer value (numbers, or text holding a number, as vineyardd writes some). */
  public Optional<Long> number(String field) {
    JsonNode n = tree.get(field);
    if (n == null || n.isObject()) {
      return Optional.empty();
    }
    if (n.isNumber()) {
      return Optional.of(n.asLong());
    }
    try {
      return Optional.of(Long.parseLong(n.asText().trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The raw JSON value of a field (not a copy: do not modify it). */
  public Optional<JsonNode> field(String field) {
    return Optional.ofNullable(tree.get(field));
  }

  /** A member's tree, if this object has that member. */
  public Optional<ObjectMeta> member(String name) {
    JsonNode n = tree.get(name);
    return n != null && n.isObject() && n.has("typename") ? Optional.of(new ObjectMeta((ObjectNode) n)) : Optional.empty();
  }

  /** The members of this object, in tree order. */
  public Map<String, ObjectMeta> members() {
    Map<String, ObjectMeta> out = new LinkedHashMap<>();
    tree.properties().forEach(e -> {
      if (e.getValue().isObject() && e.getValue().has("typename")) {
        out.put(e.getKey(), new ObjectMeta((ObjectNode) e.getValue()));
      }
    });
    return out;
  }

  /** A deep copy of the JSON tree. */
  public ObjectNode tree() {
    return tree.deepCopy();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ObjectMeta m && m.tree.equals(tree);
  }

  @Override
  public int hashCode() {
    return tree.hashCode();
  }

  @Override
  public String toString() {
    return tree.toString();
  }

  /** Builds a new metadata tree; the server fills in {@code id}, {@code instance_id}, {@code signature}. */
  public static final class Builder {
    private final ObjectNode tree = JsonNodeFactory.instance.objectNode();

    private Builder(String typename) {
      tree.put("typename", typename);
      tree.put("transient", true);
    }

    /** Sets a text field. */
    public Builder put(String field, String value) {
      tree.put(field, value);
      return this;
    }

    /** Sets a number field. */
    public Builder put(String field, long value) {
      tree.put(field, value);
      return this;
    }

    /** Sets a boolean field. */
    public Builder put(String field, boolean value) {
      tree.put(field, value);
      return this;
    }

    /** Sets the payload size. */
    public Builder nbytes(long nbytes) {
      tree.put("nbytes", nbytes);
      return this;
    }

    /** Adds a member: an object already in the store, by its tree. */
    public Builder member(String name, ObjectMeta member) {
      tree.set(name, member.tree());
      return this;
    }

    /** Returns the tree built so far. */
    public ObjectMeta build() {
      return new ObjectMeta(tree.deepCopy());
    }
  }
}
