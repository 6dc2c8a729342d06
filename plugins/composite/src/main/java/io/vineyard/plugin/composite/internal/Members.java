package io.vineyard.plugin.composite.internal;

import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import io.vineyard.api.spi.PutContext;

/** What both plugins do with members: put an element, find a required member, read a count. */
final class Members {
  private Members() {}

  /**
   * Puts one element through {@link PutContext#putMember} (values through their plugin, IDs and
   * views as references to existing objects); a value no plugin can put fails there, naming its
   * Java type.
   */
  static ObjectMeta put(PutContext ctx, Object element, String typename, String member) {
    if (element == null) {
      throw new VineyardException.TypeError(
          typename
              + ": element '"
              + member
              + "' is null; elements must be values a "
              + "plugin can put, or an ObjectId or VineyardObject already in the store");
    }
    return ctx.putMember(element);
  }

  /**
   * The member {@code name} of a tree.
   *
   * @throws VineyardException.Invalid naming the tree and the missing member
   */
  static ObjectMeta require(ObjectMeta meta, String name) {
    return meta.member(name)
        .orElseThrow(
            () ->
                new VineyardException.Invalid(
                    describe(meta)
                        + ": member '"
                        + name
                        + "' is missing"
                        + (meta.has(name)
                            ? " (the field holds a plain value, not an object tree)"
                            : "")));
  }

  /**
   * A count field: a non-negative integer that fits an {@code int} (a JSON number, or text holding
   * one, as some writers store numbers).
   *
   * @throws VineyardException.Invalid naming the tree, the field and the value found
   */
  static int count(ObjectMeta meta, String field) {
    long value = meta.number(field).orElse(-1L);
    if (value < 0 || value > Integer.MAX_VALUE) {
      throw new VineyardException.Invalid(
          describe(meta)
              + ": field '"
              + field
              + "' must be a non-negative integer of at most "
              + Integer.MAX_VALUE
              + ", got "
              + meta.json(field).orElse("nothing"));
    }
    return (int) value;
  }

  /** The tree's typename and ID for messages; {@code (new)} for a tree not created yet. */
  static String describe(ObjectMeta meta) {
    return meta.typename() + " " + meta.string("id").filter(s -> !s.isEmpty()).orElse("(new)");
  }
}
