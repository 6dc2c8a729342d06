package io.vineyard.plugin.arrow;

import io.vineyard.api.VineyardObject;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A vineyard Arrow object as {@code getObject} returns it: a record batch, a table, an array or a
 * schema, by its metadata. {@code get} gives the Arrow value ({@link
 * org.apache.arrow.vector.VectorSchemaRoot}, {@link ArrowTable}, {@link
 * org.apache.arrow.vector.FieldVector}, {@link org.apache.arrow.vector.types.pojo.Schema}).
 */
@ProviderType
public interface ArrowObject extends VineyardObject {

  /** Rows of a batch or table ({@code row_num_}, {@code num_rows_}), elements of an array. */
  long length();
}
