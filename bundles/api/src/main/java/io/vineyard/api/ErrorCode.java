package io.vineyard.api;

/**
 * vineyardd's status codes, as they travel in error replies ({@code {"code": int, "message":
 * str}}).
 *
 * <p>With each code its text as vineyardd names it; {@link VineyardException#of} maps a code to its
 * exception type.
 */
public enum ErrorCode {
  OK(0, "OK"),
  INVALID(1, "Invalid"),
  KEY_ERROR(2, "Key error"),
  TYPE_ERROR(3, "Type error"),
  IO_ERROR(4, "IOError"),
  END_OF_FILE(5, "End of file"),
  NOT_IMPLEMENTED(6, "Not implemented"),
  ASSERTION_FAILED(7, "Assertion failed"),
  USER_INPUT_ERROR(8, "User input error"),
  OBJECT_EXISTS(11, "Object exists"),
  OBJECT_NOT_EXISTS(12, "Object not exists"),
  OBJECT_SEALED(13, "Object sealed"),
  OBJECT_NOT_SEALED(14, "Object not sealed"),
  OBJECT_IS_BLOB(15, "Object is a blob"),
  OBJECT_TYPE_ERROR(16, "Object type error"),
  OBJECT_SPILLED(17, "Object spilled"),
  OBJECT_NOT_SPILLED(18, "Object not spilled"),
  META_TREE_INVALID(21, "Metatree invalid"),
  META_TREE_TYPE_INVALID(22, "Metatree type invalid"),
  META_TREE_TYPE_NOT_EXISTS(23, "Metatree type not exists"),
  META_TREE_NAME_INVALID(24, "Metatree name invalid"),
  META_TREE_NAME_NOT_EXISTS(25, "Metatree name not exists"),
  META_TREE_LINK_INVALID(26, "Metatree link invalid"),
  META_TREE_SUBTREE_NOT_EXISTS(27, "Metatree subtree not exists"),
  VINEYARD_SERVER_NOT_READY(31, "Vineyard server not ready"),
  ARROW_ERROR(32, "Arrow error"),
  CONNECTION_FAILED(33, "Connection failed"),
  CONNECTION_ERROR(34, "Connection error"),
  ETCD_ERROR(35, "Etcd error"),
  ALREADY_STOPPED(36, "Already stopped"),
  REDIS_ERROR(37, "Redis error"),
  NOT_ENOUGH_MEMORY(41, "Not enough memory"),
  STREAM_DRAINED(42, "Stream drained"),
  STREAM_FAILED(43, "Stream failed"),
  INVALID_STREAM_STATE(44, "Invalid stream state"),
  STREAM_OPENED(45, "Stream opened"),
  GLOBAL_OBJECT_INVALID(51, "Global object invalid"),
  UNKNOWN_ERROR(255, "Unknown error");

  private static final ErrorCode[] BY_CODE = new ErrorCode[256];

  static {
    for (ErrorCode c : values()) {
      BY_CODE[c.code] = c;
    }
  }

  private final int code;
  private final String text;

  ErrorCode(int code, String text) {
    this.code = code;
    this.text = text;
  }

  /** The numeric code on the wire. */
  public int code() {
    return code;
  }

  /**
   * vineyardd's text for the code, e.g. {@code Object not exists}: the message of an error that has
   * none.
   */
  public String text() {
    return text;
  }

  /** The code for a number; unknown numbers map to {@link #UNKNOWN_ERROR}. */
  public static ErrorCode of(int code) {
    ErrorCode c = code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    return c == null ? UNKNOWN_ERROR : c;
  }
}
