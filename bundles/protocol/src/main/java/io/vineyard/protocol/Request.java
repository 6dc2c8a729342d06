package io.vineyard.protocol;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A request message; its {@code type} on the wire is its {@link Command}'s request name, and {@code
 * R} is the reply it is answered with.
 *
 * @param <R> the reply type
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface Request<R extends Reply> {}
