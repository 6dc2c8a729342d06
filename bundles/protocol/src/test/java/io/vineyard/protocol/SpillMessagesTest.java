package io.vineyard.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardException;
import io.vineyard.protocol.SpillMessages.EvictReply;
import io.vineyard.protocol.SpillMessages.EvictRequest;
import io.vineyard.protocol.SpillMessages.IsSpilledReply;
import io.vineyard.protocol.SpillMessages.IsSpilledRequest;
import io.vineyard.protocol.SpillMessages.LoadRequest;
import io.vineyard.protocol.SpillMessages.UnpinRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** evict, load, unpin and is_spilled as vineyardd's protocols.cc writes and reads them. */
class SpillMessagesTest {
  private static final ObjectId BLOB = ObjectId.parse("o800000011cfa7040");
  private static final ObjectId OBJECT = ObjectId.parse("o000000011cfa7041");

  private static String text(Object message) {
    return new String(Codec.encode(message), StandardCharsets.UTF_8);
  }

  private static Request<?> request(String json) {
    return Codec.decodeRequest(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void requestsCarryIdsAndPin() {
    String evict = "{\"type\":\"evict_request\",\"ids\":[9223372041635917888,4781142081]}";
    assertEquals(evict, text(new EvictRequest(List.of(BLOB, OBJECT))));
    assertEquals(new EvictRequest(List.of(BLOB, OBJECT)), request(evict));
    assertEquals(
        new EvictRequest(List.of(BLOB)),
        request("{\"type\":\"evict_request\",\"ids\":[" + BLOB.value() + "]}"));
    assertEquals(
        "{\"type\":\"load_request\",\"ids\":[9223372041635917888],\"pin\":true}",
        text(new LoadRequest(List.of(BLOB), true)));
    assertEquals(
        new LoadRequest(List.of(BLOB), false),
        request("{\"type\":\"load_request\",\"ids\":[9223372041635917888]}"));
    assertEquals(new UnpinRequest(List.of()), request("{\"type\":\"unpin_request\",\"ids\":[]}"));
    assertEquals(
        new IsSpilledRequest(BLOB),
        request("{\"type\":\"is_spilled_request\",\"id\":9223372041635917888}"));
  }

  @Test
  void repliesAsVineyarddWritesThem() {
    assertEquals("{\"type\":\"evict_reply\"}", text(new EvictReply()));
    String spilled = "{\"type\":\"is_spilled_reply\",\"is_spilled\":true}";
    assertEquals(spilled, text(new IsSpilledReply(true)));
    assertEquals(
        new IsSpilledReply(true),
        Codec.decodeReply(
            spilled.getBytes(StandardCharsets.UTF_8), Command.IS_SPILLED, IsSpilledReply.class));
  }

  @Test
  void idsAreRequired() {
    VineyardException e =
        assertThrows(VineyardException.class, () -> request("{\"type\":\"evict_request\"}"));
    assertEquals(1, e.code().code(), e.getMessage());
    assertThrows(VineyardException.class, () -> request("{\"type\":\"is_spilled_request\"}"));
  }
}
