package io.vineyard.plugin.stream;

import io.vineyard.api.VineyardObject;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The typed view of a stream object: its typename says what its chunks are, its parameters say
 * where they come from or go (a file, a format: whatever its producer wrote).
 */
@ProviderType
public interface StreamObject extends VineyardObject {
  /** A stream of blobs (bytes). */
  String BYTE_STREAM = "vineyard::ByteStream";

  /** A stream of Arrow record batches. */
  String RECORD_BATCH_STREAM = "vineyard::RecordBatchStream";

  /** A stream of data frames. */
  String DATAFRAME_STREAM = "vineyard::DataframeStream";

  /**
   * The stream's parameters ({@code params_}), as plain Java values (maps, lists, strings, numbers,
   * booleans); empty when it has none.
   */
  Map<String, Object> params();
}
