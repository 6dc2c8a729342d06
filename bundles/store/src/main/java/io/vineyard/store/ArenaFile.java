package io.vineyard.store;

import java.nio.file.Path;

/**
 * One shared-memory file blobs are allocated in.
 *
 * <p>The store owns the fd and the file: both stay valid until {@link BulkStore#close()}. The
 * server passes the fd to clients (SCM_RIGHTS); it must not close it.
 *
 * @param fd the file descriptor the store keeps open (the {@code storeFd} of {@link BlobHandle})
 * @param path the file under the instance's shared-memory folder
 * @param size the file's size in bytes, which clients map whole
 */
public record ArenaFile(int fd, Path path, long size) {}
