package io.vineyard.ctl;

import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardClient;
import java.util.regex.Pattern;

/** An object named on the command line by its ID ({@code o} + hex digits) or by a name. */
final class Target {
  private static final Pattern ID = Pattern.compile("o[0-9a-fA-F]{1,16}");

  private Target() {}

  /** The object {@code text} names: an ID as it is, a name through the instance. */
  static ObjectId resolve(VineyardClient client, String text) {
    return ID.matcher(text).matches() ? ObjectId.parse(text) : client.getName(text, false);
  }

  /** An ID, strictly (for commands that take no names). */
  static ObjectId id(String text) {
    if (!ID.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "not an object id: '"
              + text
              + "' (expected o + up to 16 hex digits, e.g. o800000011cfa7040)");
    }
    return ObjectId.parse(text);
  }
}
