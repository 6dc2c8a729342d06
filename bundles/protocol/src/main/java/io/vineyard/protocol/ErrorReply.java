package io.vineyard.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.vineyard.api.ErrorCode;
import io.vineyard.api.VineyardException;

/**
 * An error reply, {@code {"code": int, "message": str}} with no {@code type}, as vineyardd sends
 * them. Read back, {@code type} is what an unexpected reply carried instead (null for an error).
 *
 * @param type the type of a reply that was not the one expected, else null
 * @param code vineyardd's error code (0: none)
 * @param message what went wrong
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonTypeInfo(use = JsonTypeInfo.Id.NONE) // vineyardd's errors carry no type
@JsonIgnoreProperties(ignoreUnknown = true)
public record ErrorReply(String type, int code, String message) implements Reply {

  /** The error reply for an exception. */
  public static ErrorReply of(VineyardException e) {
    return new ErrorReply(
        null, e.code().code(), e.getMessage() == null ? e.code().text() : e.getMessage());
  }

  /** The typed exception this reply stands for. */
  public VineyardException exception(Command expected) {
    if (code != 0) {
      return VineyardException.of(code, message == null ? ErrorCode.of(code).text() : message);
    }
    return new VineyardException.Invalid(
        "unexpected reply to "
            + expected.request()
            + ": type '"
            + (type == null ? "" : type)
            + "', expected '"
            + expected.reply()
            + "'");
  }
}
