package io.vineyard.api;

import java.util.Map;
import java.util.function.Function;

/**
 * The failure of a Vineyard operation, carrying vineyardd's {@link ErrorCode}.
 *
 * <p>Errors callers act on have a subclass, nested here (for example {@link ObjectNotExists} for
 * code 12); every other code is a plain {@code VineyardException} whose {@link #code()} says it.
 * {@link #of} is the one table from a code received on the wire to its type; servers answer with
 * {@link #code()}. The message names what was wrong (the object, the field, the limit).
 */
public class VineyardException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The subclass of each code that has one. */
  private static final Map<ErrorCode, Function<String, VineyardException>> TYPED =
      Map.ofEntries(
          Map.entry(ErrorCode.INVALID, Invalid::new),
          Map.entry(ErrorCode.TYPE_ERROR, TypeError::new),
          Map.entry(ErrorCode.NOT_IMPLEMENTED, NotImplemented::new),
          Map.entry(ErrorCode.ASSERTION_FAILED, AssertionFailed::new),
          Map.entry(ErrorCode.OBJECT_EXISTS, ObjectExists::new),
          Map.entry(ErrorCode.OBJECT_NOT_EXISTS, ObjectNotExists::new),
          Map.entry(ErrorCode.OBJECT_SEALED, ObjectSealed::new),
          Map.entry(ErrorCode.OBJECT_NOT_SEALED, ObjectNotSealed::new),
          Map.entry(ErrorCode.OBJECT_TYPE_ERROR, ObjectTypeError::new),
          Map.entry(ErrorCode.META_TREE_INVALID, MetaTreeInvalid::new),
          Map.entry(ErrorCode.CONNECTION_FAILED, ConnectionFailed::new),
          Map.entry(ErrorCode.CONNECTION_ERROR, ConnectionError::new),
          Map.entry(ErrorCode.NOT_ENOUGH_MEMORY, NotEnoughMemory::new),
          Map.entry(ErrorCode.STREAM_FAILED, StreamFailed::new),
          Map.entry(ErrorCode.ALREADY_STOPPED, AlreadyStopped::new),
          Map.entry(ErrorCode.UNKNOWN_ERROR, UnknownError::new));

  private final ErrorCode code;

  /** Creates an exception with the given code and message. */
  public VineyardException(ErrorCode code, String message) {
    this(code, message, null);
  }

  /** Creates an exception with the given code, message and cause. */
  public VineyardException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** The vineyardd error code. */
  public ErrorCode code() {
    return code;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + " (code " + code.code() + "): " + getMessage();
  }

  /**
   * The exception for a code received on the wire: its subclass when it has one, else a
   * VineyardException of that code (an unknown number: {@link ErrorCode#UNKNOWN_ERROR}).
   */
  public static VineyardException of(int code, String message) {
    ErrorCode c = ErrorCode.of(code);
    if (c == ErrorCode.OK) {
      return new UnknownError("error reply with code 0: " + message);
    }
    return TYPED.getOrDefault(c, m -> new VineyardException(c, m)).apply(message);
  }

  /**
   * A request or a value is malformed or inconsistent: a field missing, of the wrong type, out of
   * range.
   */
  public static class Invalid extends VineyardException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming what was wrong. */
    public Invalid(String message) {
      super(ErrorCode.INVALID, message);
    }

    /** Creates the exception with a message and its cause. */
    public Invalid(String message, Throwable cause) {
      super(ErrorCode.INVALID, message, cause);
    }
  }

  /** A value of a Java type no object-type plugin can put (or null). */
  public static class TypeError extends VineyardException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming what was wrong. */
    public TypeError(String message) {
      super(ErrorCode.TYPE_ERROR, message);
    }

    /** Creates the exception with a message and its cause. */
    public TypeError(String message, Throwable cause) {
      super(ErrorCode.TYPE_ERROR, message, cause);
    }
  }

  /** A request this instance does not serve, or a typename whose plugin is not installed here. */
  public static class NotImplemented extends VineyardException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming what was wrong. */
    public NotImplemented(String message) {
      super(ErrorCode.NOT_IMPLEMENTED, message);
    }

    /** Creates the exception with a message and its cause. */
    public NotImplemented(String message, Throwable cause) {
      super(ErrorCode.NOT_IMPLEMENTED, message, cause);
    }
  }

  /**
   * An operation that makes no sense for its object: persisting a blob alone, creating a blob
   * through create_data.
   */
  public static class AssertionFailed extends VineyardException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming what was wrong. */
    public AssertionFailed(String message) {
      super(ErrorCode.ASSERTION_FAILED, message);
    }

    /** Creates the exception with a message and its cause. */
    public AssertionFailed(String message, Throwable cause) {
      super(ErrorCode.ASSERTION_FAILED, message, cause);
    }
  }

  /** An object with that ID exists already. */
  public static class ObjectExists extends VineyardException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming what was wrong. */
    public ObjectExists(String message) {
      super(ErrorCode.OBJECT_EXISTS, message);
    }

    /** Creates the exception with a message and its cause. */
    public ObjectExists(String message, Throwable cause) {
      super(ErrorCode.OBJECT_EXISTS, message, cause);
    }
  }

  /** No object (or name) with that ID exists on the instance asked. */
  public static class ObjectNotExists extends VineyardException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming what was wrong. */
    public ObjectNotExists(String message) {
      super(ErrorCode.OBJECT_NOT_EXISTS, message);
    }

    /** Creates the exception with a message and its cause. */
    public ObjectNotExists(String message, Throwable cause) {
      super(ErrorCode.OBJECT_NOT_EXISTS, message, cause);
    }
  }

  /** A blob is sealed already (sealed twice, or dropped after sealing). */
  public static class ObjectSealed extends VineyardException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming what was wrong. */
    public ObjectSealed(String message) {
      super(ErrorCode.OBJECT_SEALED, message);
    }

    /** Creates the exception with a message and its cause. */
    public ObjectSealed(String message, Throwable cause) {
      super(ErrorCode.OBJECT_SEALED, message, cause);
    }
  }

  /** A blob is not sealed yet (read, or used as a member, before its seal). */
  public static class ObjectNotSealed extends VineyardException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming what was wrong. */
    public ObjectNotSealed(String message) {
      super(ErrorCode.OBJECT_NOT_SEALED, message);
    }

    /** Creates the exception with a message and its cause. */
    public ObjectNotSealed(String message, Throwable cause) {
      super(ErrorCode.OBJECT_NOT_SEALED, message, cause);
    }
  }

  /** An object-type plugin failed on an object: the message names the plugin and the object. */
  public static class ObjectTypeError extends VineyardException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming what was wrong. */
    public ObjectTypeError(String message) {
      super(ErrorCode.OBJECT_TYPE_ERROR, message);
    }

    /** Creates the exception with a message and its cause. */
    public ObjectTypeError(String message, Throwable cause) {
      super(ErrorCode.OBJECT_TYPE_ERROR, message, cause);
    }
  }

  /** A metadata tree is malformed: not a JSON object, no typename, a member without an id. */
  public static class MetaTreeInvalid extends VineyardException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming what was wrong. */
    public MetaTreeInvalid(String message) {
      super(ErrorCode.META_TREE_INVALID, message);
    }

    /** Creates the exception with a message and its cause. */
    public MetaTreeInvalid(String message, Throwable cause) {
      super(ErrorCode.META_TREE_INVALID, message, cause);
    }
  }

  /** No Vineyard instance answers at the socket path. */
  public static class ConnectionFailed extends VineyardException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming what was wrong. */
    public ConnectionFailed(String message) {
      super(ErrorCode.CONNECTION_FAILED, message);
    }

    /** Creates the exception with a message and its cause. */
    public ConnectionFailed(String message, Throwable cause) {
      super(ErrorCode.CONNECTION_FAILED, message, cause);
    }
  }

  /** A connection broke, or a change could not be committed in time (no quorum). */
  public static class ConnectionError extends VineyardException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming what was wrong. */
    public ConnectionError(String message) {
      super(ErrorCode.CONNECTION_ERROR, message);
    }

    /** Creates the exception with a message and its cause. */
    public ConnectionError(String message, Throwable cause) {
      super(ErrorCode.CONNECTION_ERROR, message, cause);
    }
  }

  /** The bulk store cannot hold the blob within its {@code --size}. */
  public static class NotEnoughMemory extends VineyardException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming what was wrong. */
    public NotEnoughMemory(String message) {
      super(ErrorCode.NOT_ENOUGH_MEMORY, message);
    }

    /** Creates the exception with a message and its cause. */
    public NotEnoughMemory(String message, Throwable cause) {
      super(ErrorCode.NOT_ENOUGH_MEMORY, message, cause);
    }
  }

  /** The service was stopped while the call ran. */
  public static class AlreadyStopped extends VineyardException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming what was wrong. */
    public AlreadyStopped(String message) {
      super(ErrorCode.ALREADY_STOPPED, message);
    }

    /** Creates the exception with a message and its cause. */
    public AlreadyStopped(String message, Throwable cause) {
      super(ErrorCode.ALREADY_STOPPED, message, cause);
    }
  }

  /** What went wrong is not one of vineyardd's codes (an internal error). */
  public static class UnknownError extends VineyardException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming what was wrong. */
    public UnknownError(String message) {
      super(ErrorCode.UNKNOWN_ERROR, message);
    }

    /** Creates the exception with a message and its cause. */
    public UnknownError(String message, Throwable cause) {
      super(ErrorCode.UNKNOWN_ERROR, message, cause);
    }
  }

  /** A stream ended in failure: its producer stopped it as failed, or it was dropped (code 43). */
  public static class StreamFailed extends VineyardException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with its message. */
    public StreamFailed(String message) {
      super(ErrorCode.STREAM_FAILED, message);
    }
  }
}
