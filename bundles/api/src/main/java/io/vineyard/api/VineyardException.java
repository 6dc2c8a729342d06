package io.vineyard.api;

/**
 * The failure of a Vineyard operation, carrying vineyardd's {@link ErrorCode}.
 *
 * <p>There is exactly one subclass per error code, nested here (for example {@link
 * ObjectNotExists} for code 12), so callers catch what they can act on. {@link #of} maps a code
 * received on the wire to its type; servers use {@link #code()} to answer with the same code.
 * The message names what was wrong (the object, the field, the limit).
 */
public class VineyardException extends RuntimeException {
  private static final long serialVersionUID = 1L;

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

  /** Builds the typed exception for a code received on the wire. */
  public static VineyardException of(int code, String message) {
    return switch (ErrorCode.of(code)) {
      case OK -> new VineyardException(ErrorCode.UNKNOWN_ERROR, "error reply with code 0: " + message);
      case INVALID -> new Invalid(message);
      case KEY_ERROR -> new KeyError(message);
      case TYPE_ERROR -> new TypeError(message);
      case IO_ERROR -> new IOError(message);
      case END_OF_FILE -> new EndOfFile(message);
      case NOT_IMPLEMENTED -> new NotImplemented(message);
      case ASSERTION_FAILED -> new AssertionFailed(message);
      case USER_INPUT_ERROR -> new UserInputError(message);
      case OBJECT_EXISTS -> new ObjectExists(message);
      case OBJECT_NOT_EXISTS -> new ObjectNotExists(message);
      case OBJECT_SEALED -> new ObjectSealed(message);
      case OBJECT_NOT_SEALED -> new ObjectNotSealed(message);
      case OBJECT_IS_BLOB -> new ObjectIsBlob(message);
      case OBJECT_TYPE_ERROR -> new ObjectTypeError(message);
      case OBJECT_SPILLED -> new ObjectSpilled(message);
      case OBJECT_NOT_SPILLED -> new ObjectNotSpilled(message);
      case META_TREE_INVALID -> new MetaTreeInvalid(message);
      case META_TREE_TYPE_INVALID -> new MetaTreeTypeInvalid(message);
      case META_TREE_TYPE_NOT_EXISTS -> new MetaTreeTypeNotExists(message);
      case META_TREE_NAME_INVALID -> new MetaTreeNameInvalid(message);
      case META_TREE_NAME_NOT_EXISTS -> new MetaTreeNameNotExists(message);
      case META_TREE_LINK_INVALID -> new MetaTreeLinkInvalid(message);
      case META_TREE_SUBTREE_NOT_EXISTS -> new MetaTreeSubtreeNotExists(message);
      case VINEYARD_SERVER_NOT_READY -> new ServerNotReady(message);
      case ARROW_ERROR -> new ArrowError(message);
      case CONNECTION_FAILED -> new ConnectionFailed(message);
      case CONNECTION_ERROR -> new ConnectionError(message);
      case ETCD_ERROR -> new EtcdError(message);
      case ALREADY_STOPPED -> new AlreadyStopped(message);
      case REDIS_ERROR -> new RedisError(message);
      case NOT_ENOUGH_MEMORY -> new NotEnoughMemory(message);
      case STREAM_DRAINED -> new StreamDrained(message);
      case STREAM_FAILED -> new StreamFailed(message);
      case INVALID_STREAM_STATE -> new InvalidStreamState(message);
      case STREAM_OPENED -> new StreamOpened(message);
      case GLOBAL_OBJECT_INVALID -> new GlobalObjectInvalid(message);
      case UNKNOWN_ERROR -> new UnknownError(message);
    };
  }

  /** Code invalid. */
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

  /** Code key error. */
  public static class KeyError extends VineyardException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming what was wrong. */
    public KeyError(String message) {
      super(ErrorCode.KEY_ERROR, message);
    }

    /** Creates the exception with a message and its cause. */
    public KeyError(String message, Throwable cause) {
      super(ErrorCode.KEY_ERROR, message, cause);
    }
  }

  /** Code type error. */
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

  /** Code io error. */
  public static class IOError extends VineyardException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming what was wrong. */
    public IOError(String message) {
      super(ErrorCode.IO_ERROR, message);
    }

    /** Creates the exception with a message and its cause. */
    public IOError(String message, Throwable cause) {
      super(ErrorCode.IO_ERROR, message, cause);
    }
  }

  /** Code end of file. */
  public static class EndOfFile extends VineyardException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming what was wrong. */
    public EndOfFile(String message) {
      super(ErrorCode.END_OF_FILE, message);
    }

    /** Creates the exception with a message and its cause. */
    public EndOfFile(String message, Throwable cause) {
      super(ErrorCode.END_OF_FILE, message, cause);
    }
  }

  /** Code not implemented. */
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

  /** Code assertion failed. */
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

  /** Code user input error. */
  public static class UserInputError extends VineyardException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming what was wrong. */
    public UserInputError(String message) {
      super(ErrorCode.USER_INPUT_ERROR, message);
    }

    /** Creates the exception with a message and its cause. */
    public UserInputError(String message, Throwable cause) {
      super(ErrorCode.USER_INPUT_ERROR, message, cause);
    }
  }

  /** Code object exists. */
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

  /** Code object not exists. */
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

  /** Code object sealed. */
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

  /** Code object not sealed. */
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

  /** Code object is blob. */
  public static class ObjectIsBlob extends VineyardException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming what was wrong. */
    public ObjectIsBlob(String message) {
      super(ErrorCode.OBJECT_IS_BLOB, message);
    }

    /** Creates the exception with a message and its cause. */
    public ObjectIsBlob(String message, Throwable cause) {
      super(ErrorCode.OBJECT_IS_BLOB, message, cause);
    }
  }

  /** Code object type error. */
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

  /** Code object spilled. */
  public static class ObjectSpilled extends VineyardException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming what was wrong. */
    public ObjectSpilled(String message) {
      super(ErrorCode.OBJECT_SPILLED, message);
    }

    /** Creates the exception with a message and its cause. */
    public ObjectSpilled(String message, Throwable cause) {
      super(ErrorCode.OBJECT_SPILLED, message, cause);
    }
  }

  /** Code object not spilled. */
  public static class ObjectNotSpilled extends VineyardException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming what was wrong. */
    public ObjectNotSpilled(String message) {
      super(ErrorCode.OBJECT_NOT_SPILLED, message);
    }

    /** Creates the exception with a message and its cause. */
    public ObjectNotSpilled(String message, Throwable cause) {
      super(ErrorCode.OBJECT_NOT_SPILLED, message, cause);
    }
  }

  /** Code meta tree invalid. */
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

  /** Code meta tree type invalid. */
  public static class MetaTreeTypeInvalid extends VineyardException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming what was wrong. */
    public MetaTreeTypeInvalid(String message) {
      super(ErrorCode.META_TREE_TYPE_INVALID, message);
    }

    /** Creates the exception with a message and its cause. */
    public MetaTreeTypeInvalid(String message, Throwable cause) {
      super(ErrorCode.META_TREE_TYPE_INVALID, message, cause);
    }
  }

  /** Code meta tree type not exists. */
  public static class MetaTreeTypeNotExists extends VineyardException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming what was wrong. */
    public MetaTreeTypeNotExists(String message) {
      super(ErrorCode.META_TREE_TYPE_NOT_EXISTS, message);
    }

    /** Creates the exception with a message and its cause. */
    public MetaTreeTypeNotExists(String message, Throwable cause) {
      super(ErrorCode.META_TREE_TYPE_NOT_EXISTS, message, cause);
    }
  }

  /** Code meta tree name invalid. */
  public static class MetaTreeNameInvalid extends VineyardException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming what was wrong. */
    public MetaTreeNameInvalid(String message) {
      super(ErrorCode.META_TREE_NAME_INVALID, message);
    }

    /** Creates the exception with a message and its cause. */
    public MetaTreeNameInvalid(String message, Throwable cause) {
      super(ErrorCode.META_TREE_NAME_INVALID, message, cause);
    }
  }

  /** Code meta tree name not exists. */
  public static class MetaTreeNameNotExists extends VineyardException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming what was wrong. */
    public MetaTreeNameNotExists(String message) {
      super(ErrorCode.META_TREE_NAME_NOT_EXISTS, message);
    }

    /** Creates the exception with a message and its cause. */
    public MetaTreeNameNotExists(String message, Throwable cause) {
      super(ErrorCode.META_TREE_NAME_NOT_EXISTS, message, cause);
    }
  }

  /** Code meta tree link invalid. */
  public static class MetaTreeLinkInvalid extends VineyardException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming what was wrong. */
    public MetaTreeLinkInvalid(String message) {
      super(ErrorCode.META_TREE_LINK_INVALID, message);
    }

    /** Creates the exception with a message and its cause. */
    public MetaTreeLinkInvalid(String message, Throwable cause) {
      super(ErrorCode.META_TREE_LINK_INVALID, message, cause);
    }
  }

  /** Code meta tree subtree not exists. */
  public static class MetaTreeSubtreeNotExists extends VineyardException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming what was wrong. */
    public MetaTreeSubtreeNotExists(String message) {
      super(ErrorCode.META_TREE_SUBTREE_NOT_EXISTS, message);
    }

    /** Creates the exception with a message and its cause. */
    public MetaTreeSubtreeNotExists(String message, Throwable cause) {
      super(ErrorCode.META_TREE_SUBTREE_NOT_EXISTS, message, cause);
    }
  }

  /** Code vineyard server not ready. */
  public static class ServerNotReady extends VineyardException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming what was wrong. */
    public ServerNotReady(String message) {
      super(ErrorCode.VINEYARD_SERVER_NOT_READY, message);
    }

    /** Creates the exception with a message and its cause. */
    public ServerNotReady(String message, Throwable cause) {
      super(ErrorCode.VINEYARD_SERVER_NOT_READY, message, cause);
    }
  }

  /** Code arrow error. */
  public static class ArrowError extends VineyardException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming what was wrong. */
    public ArrowError(String message) {
      super(ErrorCode.ARROW_ERROR, message);
    }

    /** Creates the exception with a message and its cause. */
    public ArrowError(String message, Throwable cause) {
      super(ErrorCode.ARROW_ERROR, message, cause);
    }
  }

  /** Code connection failed. */
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

  /** Code connection error. */
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

  /** Code etcd error. */
  public static class EtcdError extends VineyardException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming what was wrong. */
    public EtcdError(String message) {
      super(ErrorCode.ETCD_ERROR, message);
    }

    /** Creates the exception with a message and its cause. */
    public EtcdError(String message, Throwable cause) {
      super(ErrorCode.ETCD_ERROR, message, cause);
    }
  }

  /** Code already stopped. */
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

  /** Code redis error. */
  public static class RedisError extends VineyardException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming what was wrong. */
    public RedisError(String message) {
      super(ErrorCode.REDIS_ERROR, message);
    }

    /** Creates the exception with a message and its cause. */
    public RedisError(String message, Throwable cause) {
      super(ErrorCode.REDIS_ERROR, message, cause);
    }
  }

  /** Code not enough memory. */
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

  /** Code stream drained. */
  public static class StreamDrained extends VineyardException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming what was wrong. */
    public StreamDrained(String message) {
      super(ErrorCode.STREAM_DRAINED, message);
    }

    /** Creates the exception with a message and its cause. */
    public StreamDrained(String message, Throwable cause) {
      super(ErrorCode.STREAM_DRAINED, message, cause);
    }
  }

  /** Code stream failed. */
  public static class StreamFailed extends VineyardException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming what was wrong. */
    public StreamFailed(String message) {
      super(ErrorCode.STREAM_FAILED, message);
    }

    /** Creates the exception with a message and its cause. */
    public StreamFailed(String message, Throwable cause) {
      super(ErrorCode.STREAM_FAILED, message, cause);
    }
  }

  /** Code invalid stream state. */
  public static class InvalidStreamState extends VineyardException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming what was wrong. */
    public InvalidStreamState(String message) {
      super(ErrorCode.INVALID_STREAM_STATE, message);
    }

    /** Creates the exception with a message and its cause. */
    public InvalidStreamState(String message, Throwable cause) {
      super(ErrorCode.INVALID_STREAM_STATE, message, cause);
    }
  }

  /** Code stream opened. */
  public static class StreamOpened extends VineyardException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming what was wrong. */
    public StreamOpened(String message) {
      super(ErrorCode.STREAM_OPENED, message);
    }

    /** Creates the exception with a message and its cause. */
    public StreamOpened(String message, Throwable cause) {
      super(ErrorCode.STREAM_OPENED, message, cause);
    }
  }

  /** Code global object invalid. */
  public static class GlobalObjectInvalid extends VineyardException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming what was wrong. */
    public GlobalObjectInvalid(String message) {
      super(ErrorCode.GLOBAL_OBJECT_INVALID, message);
    }

    /** Creates the exception with a message and its cause. */
    public GlobalObjectInvalid(String message, Throwable cause) {
      super(ErrorCode.GLOBAL_OBJECT_INVALID, message, cause);
    }
  }

  /** Code unknown error. */
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

}
