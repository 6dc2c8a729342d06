package io.vineyard.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void blobIdsTravelAsUnsignedNumbers() {
    ObjectNode m = Json.object();
    ObjectId blob = ObjectId.parse("o800000011cfa7040");
    Json.putId(m, "id", blob);
    String text = new String(Json.encode(m), StandardCharsets.UTF_8);
    assertEquals("{\"id\":" + Long.toUnsignedString(blob.value()) + "}", text);
    assertEquals(blob, Json.id(Json.decode(text.getBytes(StandardCharsets.UTF_8)), "id"));
  }

  @Test
  void idListsAndSingleIds() {
    ObjectNode m = Json.decode("{\"id\":[1,18446744073709551615],\"one\":7}".getBytes());
    assertEquals(List.of(ObjectId.of(1), ObjectId.INVALID), Json.ids(m, "id"));
    assertEquals(List.of(ObjectId.of(7)), Json.ids(m, "one"));
  }

  @Test
  void badFieldsAreNamed() {
    ObjectNode m = Json.decode("{\"size\":\"big\",\"id\":-1}".getBytes());
    VineyardException e = assertThrows(VineyardException.Invalid.class, () -> Json.requiredLong(m, "size"));
    assertTrue(e.getMessage().contains("'size'"));
    e = assertThrows(VineyardException.Invalid.class, () -> Json.id(m, "id"));
    assertTrue(e.getMessage().contains("'id'"));
    e = assertThrows(VineyardException.Invalid.class, () -> Json.requiredText(m, "name"));
    assertTrue(e.getMessage().contains("missing field 'name'"));
  }

  @Test
  void malformedJsonIsInvalid() {
    assertThrows(VineyardException.Invalid.class, () -> Json.decode("{not json".getBytes()));
    assertThrows(VineyardException.Invalid.class, () -> Json.decode("[1,2]".getBytes()));
  }

  @Test
  void payloadRoundTrip() {
    Payload p = new Payload(ObjectId.parse("o8000000000000abc"), 7, 128, 13, 4096 + 8, 0, true, false);
    assertEquals(p, Payload.fromJson(p.toJson(Json.object())));
    assertEquals(4096, p.mappingLength());
  }

  @Test
  void errorRepliesBecomeTypedExceptions() {
    ObjectNode reply = Errors.reply(new VineyardException.ObjectNotExists("no o1"));
    assertEquals(12, reply.get("code").asInt());
    assertThrows(VineyardException.ObjectNotExists.class, () -> Errors.check(reply, Command.GET_DATA));
    ObjectNode wrong = Json.object().put("type", "seal_reply");
    assertThrows(VineyardException.Invalid.class, () -> Errors.check(wrong, Command.GET_DATA));
    ObjectNode listReply = Json.object().put("type", "get_data_reply");
    assertEquals(listReply, Errors.check(listReply, Command.LIST_DATA));
  }
}
