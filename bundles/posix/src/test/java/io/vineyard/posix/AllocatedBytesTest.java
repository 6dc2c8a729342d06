package io.vineyard.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** fstat's allocated bytes see what fallocate reserved on tmpfs, where SEEK_HOLE does not. */
class AllocatedBytesTest {
  @Test
  void sparseThenReserved() throws Exception {
    Path dir = Files.createTempDirectory(Path.of("/dev/shm"), "vineyard-posix-test");
    Path file = dir.resolve("f");
    int fd = Posix.open(file, Posix.O_CREAT | Posix.O_RDWR | Posix.O_EXCL, 0600);
    try {
      Posix.ftruncate(fd, 1 << 20);
      assertEquals(0, Posix.allocatedBytes(fd), "a truncated file is sparse");
      Posix.fallocate(fd, Posix.FALLOC_FL_KEEP_SIZE, 0, 1 << 20);
      assertEquals(1 << 20, Posix.allocatedBytes(fd));
    } finally {
      Posix.close(fd);
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }

  @Test
  void badDescriptorIsAnErrno() {
    Posix.ErrnoException e =
        assertThrows(Posix.ErrnoException.class, () -> Posix.allocatedBytes(-1));
    assertEquals(9, e.errno()); // EBADF
  }
}
