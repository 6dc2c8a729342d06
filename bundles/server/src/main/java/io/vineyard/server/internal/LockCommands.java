package io.vineyard.server.internal;

import io.vineyard.api.VineyardException;
import io.vineyard.protocol.SessionMessages.AcquireLockReply;
import io.vineyard.protocol.SessionMessages.AcquireLockRequest;
import io.vineyard.protocol.SessionMessages.ReleaseLockReply;
import io.vineyard.protocol.SessionMessages.ReleaseLockRequest;

/**
 * acquire_lock and release_lock: a try-lock on a key, held by the acquiring connection until it
 * releases it or disconnects ({@link LockTable}, whose javadoc says why its scope is the instance).
 * The key locked is the key asked for, and {@code acquire_lock_reply.key} names it.
 */
final class LockCommands {
  private final ServerCore core;

  LockCommands(ServerCore core) {
    this.core = core;
  }

  void register(Dispatcher d) {
    d.on(
        AcquireLockRequest.class,
        (s, r) -> new AcquireLockReply(r.key(), core.locks().acquire(key(r.key()), s.id())));
    d.on(
        ReleaseLockRequest.class,
        (s, r) -> new ReleaseLockReply(core.locks().release(key(r.key()), s.id())));
  }

  private static String key(String key) {
    if (key.isEmpty()) {
      throw new VineyardException.Invalid("field 'key': a lock needs a non-empty key");
    }
    return key;
  }
}
