package io.vineyard.client.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vineyard.posix.UnixServerSocket;
import io.vineyard.posix.UnixSocket;
import io.vineyard.protocol.Frames;
import io.vineyard.protocol.RawJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A fake instance that answers one connection with scripted steps, recording every request, so that
 * tests can check exactly what the client puts on the wire and how it takes odd replies.
 */
final class ScriptedPeer implements AutoCloseable {
  /** Answers one request. */
  @FunctionalInterface
  interface Step {
    void answer(ObjectNode request, UnixSocket socket) throws IOException;
  }

  final List<ObjectNode> requests = new CopyOnWriteArrayList<>();
  private final UnixServerSocket server;
  private final CompletableFuture<Void> done;

  ScriptedPeer(Path socket, List<Step> steps) throws IOException {
    server = UnixServerSocket.bind(socket, 1);
    done =
        CompletableFuture.runAsync(
            () -> {
              try (UnixSocket s = server.accept()) {
                for (Step step : steps) {
                  ObjectNode req = RawJson.decode(Frames.read(s));
                  requests.add(req);
                  step.answer(req, s);
                }
                while (true) {
                  requests.add(RawJson.decode(Frames.read(s)));
                }
              } catch (IOException end) {
                // the client closed the connection
              }
            });
  }

  /** Writes a reply given as JSON text. */
  static void reply(UnixSocket s, String json) throws IOException {
    Frames.write(s, json.getBytes(StandardCharsets.UTF_8));
  }

  /** The register step: instance 7. */
  static Step register() {
    return (req, s) ->
        reply(
            s,
            """
        {"type":"register_reply","ipc_socket":"x","rpc_endpoint":"0.0.0.0:0","instance_id":7,"session_id":0,
         "version":"0.24.2","store_match":true}""");
  }

  /** Waits until the client has disconnected and returns what it sent. */
  List<ObjectNode> finish() throws Exception {
    done.get(10, TimeUnit.SECONDS);
    return requests;
  }

  @Override
  public void close() {
    server.close();
  }
}
