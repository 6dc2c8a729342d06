package io.vineyard.protocol;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A reply message; its {@code type} on the wire is its {@link Command}'s reply name. A message
 * without a type is an {@link ErrorReply}, as vineyardd sends errors.
 */
@JsonTypeInfo(
    use = JsonTypeInfo.Id.NAME,
    property = "type",
    defaultImpl = ErrorReply.class,
    visible = true)
public interface Reply {}
