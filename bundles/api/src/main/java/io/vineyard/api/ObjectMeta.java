package io.vineyard.api;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The metadata tree of one object, in vineyardd's layout (DESIGN §3); immutable.
 *
 * <p>Every tree has {@code typename}, {@code id} (text form), {@code instance_id}, {@code nbytes},
 * {@code transient} and {@code signature}; members are nested trees under their member name. The
 * member rule is written here once: a nested JSON object is a member when it carries a {@code
 * typename} or an {@code id} ({@code __labels} never is one). Field values are plain Java values,
 * as JSON has them: {@link String}, {@link Long} (or {@link BigInteger} above {@code
 * Long.MAX_VALUE}), {@link Double}, {@link Boolean}, null, unmodifiable {@link java.util.List}s and
 * {@link Map}s of those; members are {@code ObjectMeta}s. Entries keep the order they were given,
 * which is the order of the JSON form.
 */
public final class ObjectMeta {
  /** The field holding an object's labels, a JSON object of text to text. */
  public static final String LABELS = "__labels";

  private final Map<String, Object> entries;

  private ObjectMeta(Map<String, Object> entries) {
    this.entries = new FieldMap(entries);
  }

  /**
   * A tree from plain Java values (maps, lists, text, numbers, booleans, null), as a JSON parser
   * yields them; nested maps that pass the member rule become members.
   *
   * @throws VineyardException.MetaTreeInvalid for a value that is not JSON
   */
  public static ObjectMeta of(Map<String, ?> tree) {
    LinkedHashMap<String, Object> out = new LinkedHashMap<>();
    tree.forEach((k, v) -> out.put(k, Values.normalize(k, v)));
    return new ObjectMeta(out);
  }

  /** Whether a nested JSON object under {@code field} is a member tree (the member rule). */
  public static boolean isMember(String field, Map<String, ?> value) {
    return !LABELS.equals(field) && (value.containsKey("typename") || value.containsKey("id"));
  }

  /**
   * The tree vineyardd gives a blob (blobs have no metadata of their own): {@code id}, {@code
   * typename}, {@code length} and {@code nbytes} (both the size), {@code instance_id}, {@code
   * transient: true}.
   */
  public static ObjectMeta blob(ObjectId id, long size, long instanceId) {
    LinkedHashMap<String, Object> t = new LinkedHashMap<>();
    t.put("id", id.toString());
    t.put("typename", Blob.TYPENAME);
    t.put("length", size);
    t.put("nbytes", size);
    t.put("instance_id", Values.unsigned(instanceId));
    t.put("transient", true);
    return new ObjectMeta(t);
  }

  /** Starts a new tree of the given typename ({@code transient: true}). */
  public static Builder builder(String typename) {
    return new Builder(new LinkedHashMap<>()).put("typename", typename).put("transient", true);
  }

  /** A builder holding this tree's entries, to derive a changed tree. */
  public Builder toBuilder() {
    return new Builder(new LinkedHashMap<>(entries));
  }

  /** The full type name, e.g. {@code vineyard::Array<double>} (empty when missing). */
  public String typename() {
    return entries.get("typename") instanceof String s ? s : "";
  }

  /** The object's ID, or {@link ObjectId#INVALID} for a tree not created yet. */
  public ObjectId id() {
    Object id = entries.get("id");
    if (id instanceof Number n) {
      return ObjectId.of(n.longValue());
    }
    return id instanceof String s && !s.isEmpty() ? ObjectId.parse(s) : ObjectId.INVALID;
  }

  /** The instance that created the object (and holds its local blobs); -1 when unknown. */
  public long instanceId() {
    return number("instance_id").orElse(-1L);
  }

  /** The payload size in bytes, members included. */
  public long nbytes() {
    return number("nbytes").orElse(0L);
  }

  /** Whether the object is known only to its instance (not persisted); true when unsaid. */
  public boolean isTransient() {
    Object t = entries.get("transient");
    return t instanceof Boolean b ? b : !(t instanceof String s && s.equals("false"));
  }

  /**
   * The field's value as text, if present and a scalar (numbers and booleans in their JSON form).
   */
  public Optional<String> string(String field) {
    Object v = entries.get(field);
    return v == null || v instanceof ObjectMeta || v instanceof Map || v instanceof java.util.List
        ? Optional.empty()
        : Optional.of(v.toString());
  }

  /**
   * The field's integer value: an integral JSON number (one above {@code Long.MAX_VALUE} as its 64
   * bits, for unsigned fields), or text holding an integer, as vineyardd writes some.
   */
  public Optional<Long> number(String field) {
    Object v = entries.get(field);
    if (v instanceof Long || v instanceof BigInteger) {
      return Optional.of(((Number) v).longValue());
    }
    if (v instanceof String s) {
      try {
        return Optional.of(Long.parseLong(s.trim()));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** The field's value as a plain Java value (see the class comment); a member is an ObjectMeta. */
  public Optional<Object> value(String field) {
    return Optional.ofNullable(entries.get(field));
  }

  /** The field's value as compact JSON text (for messages), if present. */
  public Optional<String> json(String field) {
    if (!entries.containsKey(field)) {
      return Optional.empty();
    }
    StringBuilder out = new StringBuilder();
    Values.writeJson(entries.get(field), out);
    return Optional.of(out.toString());
  }

  /** Whether the tree has the field (a member or a value, null included). */
  public boolean has(String field) {
    return entries.containsKey(field);
  }

  /** A member's tree, if this object has that member. */
  public Optional<ObjectMeta> member(String name) {
    return entries.get(name) instanceof ObjectMeta m ? Optional.of(m) : Optional.empty();
  }

  /** The members of this object, in tree order. */
  public Map<String, ObjectMeta> members() {
    Map<String, ObjectMeta> out = new LinkedHashMap<>();
    entries.forEach(
        (k, v) -> {
          if (v instanceof ObjectMeta m) {
            out.put(k, m);
          }
        });
    return out;
  }

  /** The IDs of the direct members that carry one, in tree order. */
  public java.util.List<ObjectId> memberIds() {
    java.util.List<ObjectId> out = new java.util.ArrayList<>();
    entries.forEach(
        (k, v) -> {
          if (v instanceof ObjectMeta m && m.has("id")) {
            out.add(m.id());
          }
        });
    return out;
  }

  /**
   * This tree as a persisted object's: {@code transient: false} here and in every non-blob member,
   * at every depth. Blob members stay as they are: a blob's payload never leaves its instance.
   */
  public ObjectMeta persisted() {
    LinkedHashMap<String, Object> out = new LinkedHashMap<>(entries);
    out.put("transient", false);
    entries.forEach(
        (k, v) -> {
          if (v instanceof ObjectMeta m && !m.id().isBlob()) {
            out.put(k, m.persisted());
          }
        });
    return new ObjectMeta(out);
  }

  /** The object's labels ({@code __labels}), empty when it has none. */
  public Map<String, String> labels() {
    Map<String, String> out = new LinkedHashMap<>();
    if (entries.get(LABELS) instanceof Map<?, ?> m) {
      m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
    }
    return out;
  }

  /** Every entry in tree order: fields as plain values, members as ObjectMetas (unmodifiable). */
  public Map<String, Object> entries() {
    return entries;
  }

  /**
   * The blobs of this tree, at any depth, whose {@code instance_id} is {@code instanceId}: the
   * blobs a client of that instance can map (vineyardd's {@code findAllBlobs}).
   */
  public Set<ObjectId> localBlobs(long instanceId) {
    Set<ObjectId> out = new TreeSet<>();
    collectBlobs(instanceId, out);
    return out;
  }

  private void collectBlobs(long instanceId, Set<ObjectId> out) {
    ObjectId id = id();
    if (id.isBlob()
        && !id.equals(ObjectId.INVALID)
        && instanceId() == instanceId
        && has("typename")) {
      out.add(id);
    }
    members().values().forEach(m -> m.collectBlobs(instanceId, out));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ObjectMeta m && m.entries.equals(entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  /** The tree as compact JSON text. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    Values.writeJson(this, out);
    return out.toString();
  }

  /** Builds a tree; the server fills in {@code id}, {@code instance_id} and {@code signature}. */
  public static final class Builder {
    private final LinkedHashMap<String, Object> entries;

    private Builder(LinkedHashMap<String, Object> entries) {
      this.entries = entries;
    }

    /** Sets a field to a plain Java value (see the class comment), or a member to a tree. */
    public Builder put(String field, Object value) {
      entries.put(field, Values.normalize(field, value));
      return this;
    }

    /** Sets the payload size. */
    public Builder nbytes(long nbytes) {
      return put("nbytes", nbytes);
    }

    /** Sets the ID (text form). */
    public Builder id(ObjectId id) {
      return put("id", id.toString());
    }

    /** Sets the creating instance (an unsigned number). */
    public Builder instanceId(long instanceId) {
      return put("instance_id", Values.unsigned(instanceId));
    }

    /** Adds a member: an object already in the store, by its tree. */
    public Builder member(String name, ObjectMeta member) {
      return put(name, member);
    }

    /** Merges labels into {@code __labels} (a key labelled again takes the new value). */
    public Builder labels(Map<String, String> labels) {
      Map<String, Object> merged = new LinkedHashMap<>();
      if (entries.get(LABELS) instanceof Map<?, ?> m) {
        m.forEach((k, v) -> merged.put(String.valueOf(k), v));
      }
      merged.putAll(labels);
      return put(LABELS, merged);
    }

    /** Removes a field or member. */
    public Builder remove(String field) {
      entries.remove(field);
      return this;
    }

    /** Whether the tree built so far has the field. */
    public boolean has(String field) {
      return entries.containsKey(field);
    }

    /** The tree built so far. */
    public ObjectMeta build() {
      return new ObjectMeta(new LinkedHashMap<>(entries));
    }
  }
}
