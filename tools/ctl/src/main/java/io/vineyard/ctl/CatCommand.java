package io.vineyard.ctl;

import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardClient;
import io.vineyard.api.VineyardException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cat ID}: a blob's bytes to stdout, written from the shared mapping (no copy). */
@Command(
    name = "cat",
    mixinStandardHelpOptions = true,
    description = "Writes a blob's bytes to stdout.")
final class CatCommand implements Callable<Integer> {
  @ParentCommand VineyardCtl root;

  @Parameters(paramLabel = "ID|NAME", description = "the blob: its ID (o8…) or a name")
  String target;

  @Override
  public Integer call() throws IOException {
    try (VineyardClient client = root.connect()) {
      ObjectId id = Target.resolve(client, target);
      ObjectMeta meta = client.getMeta(id);
      if (!"vineyard::Blob".equals(meta.typename())) {
        throw new VineyardException.ObjectTypeError(
            id
                + " is a "
                + meta.typename()
                + ", not a vineyard::Blob (cat writes blobs; see get --value)");
      }
      if (!(client.get(id) instanceof ByteBuffer bytes)) {
        throw new VineyardException.ObjectNotExists(
            id + ": its payload is on instance " + meta.instanceId() + ", not this one");
      }
      // stdout's own descriptor: not closed here, and no buffering layer in between
      FileChannel stdout = new FileOutputStream(FileDescriptor.out).getChannel();
      while (bytes.hasRemaining()) {
        stdout.write(bytes);
      }
      return 0;
    }
  }
}
