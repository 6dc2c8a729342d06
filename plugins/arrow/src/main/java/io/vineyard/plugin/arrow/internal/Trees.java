package io.vineyard.plugin.arrow.internal;

import io.vineyard.api.Blob;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;

/** Reading fields of vineyard's Arrow trees, with errors that name the object and the field. */
final class Trees {
  private Trees() {}

  static String where(ObjectMeta meta) {
    return meta.typename() + " " + meta.string("id").orElse("(new)");
  }

  static VineyardException.Invalid invalid(ObjectMeta meta, String field, String what) {
    return new VineyardException.Invalid(where(meta) + ": field '" + field + "' " + what);
  }

  /** A non-negative integer field (a JSON number, or text holding one as some writers store). */
  static long count(ObjectMeta meta, String field) {
    long v = meta.number(field).orElse(-1L);
    if (v < 0) {
      throw invalid(
          meta, field, "must be a non-negative integer, got " + meta.json(field).orElse("nothing"));
    }
    return v;
  }

  /** A non-negative integer field, or {@code otherwise} when absent. */
  static long count(ObjectMeta meta, String field, long otherwise) {
    return meta.has(field) ? count(meta, field) : otherwise;
  }

  static ObjectMeta member(ObjectMeta meta, String field) {
    return meta.member(field)
        .orElseThrow(() -> invalid(meta, field, "must be a member, got nothing"));
  }

  static ObjectMeta blob(ObjectMeta meta, String field) {
    ObjectMeta m = member(meta, field);
    if (!m.typename().equals(Blob.TYPENAME)) {
      throw invalid(meta, field, "must be a vineyard::Blob, got " + m.typename());
    }
    return m;
  }
}
