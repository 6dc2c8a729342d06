package io.vineyard.ctl;

import io.vineyard.api.BlobWriter;
import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardClient;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code put FILE}: the file's bytes become a blob, read straight into the instance's shared memory
 * (no copy of the whole file on the heap), with a progress bar for large files on a terminal.
 */
@Command(
    name = "put",
    mixinStandardHelpOptions = true,
    description = "Stores a file's bytes as a vineyard::Blob and prints its ID.")
final class PutCommand implements Callable<Integer> {
  /** Files from this size on get a progress bar (on a terminal, or with --progress). */
  static final long LARGE = 64L << 20;

  private static final int CHUNK = 8 << 20;

  @ParentCommand VineyardCtl root;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "the file to store")
  Path file;

  @Option(
      names = "--progress",
      description = "show the progress bar even when stderr is no terminal (large files only)")
  boolean progress;

  @Override
  public Integer call() throws IOException {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new IllegalArgumentException(
          "cannot read "
              + file
              + ": "
              + (Files.exists(file) ? "not a readable file" : "no such file"));
    }
    Output out = root.output(spec);
    try (VineyardClient client = root.connect();
        FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = in.size();
      boolean bar =
          size >= LARGE
              && (progress || (System.console() != null && System.console().isTerminal()));
      Progress shown = new Progress(spec.commandLine().getErr(), size, bar);
      ObjectId id;
      try (BlobWriter blob = client.createBlob(size)) {
        long done = 0;
        while (done < size) {
          int n = (int) Math.min(CHUNK, size - done);
          ByteBuffer target = blob.segment().asSlice(done, n).asByteBuffer();
          while (target.hasRemaining()) {
            if (in.read(target, done + target.position()) < 0) {
              throw new IOException(
                  file + " shrank while it was read (" + done + " of " + size + " bytes)");
            }
          }
          done += n;
          shown.update(done);
        }
        id = blob.seal();
      } finally {
        shown.finish();
      }
      if (out.json()) {
        out.printJson(Map.of("id", id.toString(), "size", size));
      } else {
        out.writer().println(id);
      }
      return 0;
    }
  }
}
