package io.vineyard.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The messages of sessions and locks: new_session, delete_session, acquire_lock, release_lock. */
public final class SessionMessages {
  private SessionMessages() {}

  /**
   * {@code new_session_request}.
   *
   * @param bulkStoreType 1 (the default store); null when absent
   */
  public record NewSessionRequest(Object bulkStoreType) implements Request<NewSessionReply> {}

  /**
   * {@code new_session_reply}.
   *
   * @param socketPath the new session's socket: clients connect there and register with its session
   *     ID
   */
  public record NewSessionReply(String socketPath) implements Reply {}

  /** {@code delete_session_request}: the session of this connection ends. */
  public record DeleteSessionRequest() implements Request<DeleteSessionReply> {}

  /** {@code delete_session_reply}. */
  public record DeleteSessionReply() implements Reply {}

  /**
   * {@code acquire_lock_request}: tries to take the lock named {@code key}, without waiting.
   *
   * @param key the lock's name
   */
  public record AcquireLockRequest(@JsonProperty(required = true) String key)
      implements Request<AcquireLockReply> {}

  /**
   * {@code acquire_lock_reply}.
   *
   * @param key the key actually locked (the one to release)
   * @param result whether this connection holds the lock now
   */
  public record AcquireLockReply(String key, boolean result) implements Reply {}

  /**
   * {@code release_lock_request}.
   *
   * @param key the key {@code acquire_lock_reply} named
   */
  public record ReleaseLockRequest(@JsonProperty(required = true) String key)
      implements Request<ReleaseLockReply> {}

  /**
   * {@code release_lock_reply}.
   *
   * @param result whether this connection held the lock and released it
   */
  public record ReleaseLockReply(boolean result) implements Reply {}
}
