package io.vineyard.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.WritableTypeId;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.vineyard.api.VineyardException;
import io.vineyard.protocol.BlobMessages.GetBuffersRequest;
import io.vineyard.protocol.RemoteMessages.GetRemoteBuffersRequest;
import java.io.IOException;

/**
 * The numbered keys of the RPC messages: {@code get_remote_buffers_request} names its blobs as
 * {@code get_buffers_request} does (read by the same reader), and {@code create_buffers_reply}
 * carries its payloads both as an array and under {@code "0"}, {@code "1"}, ….
 */
final class RemoteJson {
  private RemoteJson() {}

  /** A serializer writing its fields inside whatever type prefix Jackson asks for. */
  private abstract static class FieldsWriter<T> extends StdSerializer<T> {
    private static final long serialVersionUID = 1L;

    FieldsWriter(Class<T> type) {
      super(type);
    }

    abstract void fields(T value, JsonGenerator g, SerializerProvider p) throws IOException;

    @Override
    public void serialize(T value, JsonGenerator g, SerializerProvider p) throws IOException {
      g.writeStartObject();
      fields(value, g, p);
      g.writeEndObject();
    }

    @Override
    public void serializeWithType(T value, JsonGenerator g, SerializerProvider p, TypeSerializer t)
        throws IOException {
      WritableTypeId id = t.writeTypePrefix(g, t.typeId(value, JsonToken.START_OBJECT));
      fields(value, g, p);
      t.writeTypeSuffix(g, id);
    }
  }

  static final class GetRequestWriter extends FieldsWriter<GetRemoteBuffersRequest> {
    private static final long serialVersionUID = 1L;

    GetRequestWriter() {
      super(GetRemoteBuffersRequest.class);
    }

    @Override
    void fields(GetRemoteBuffersRequest r, JsonGenerator g, SerializerProvider p)
        throws IOException {
      g.writeNumberField("num", r.ids().size());
      for (int i = 0; i < r.ids().size(); i++) {
        g.writeFieldName(Integer.toString(i));
        IdJson.writeUnsigned(r.ids().get(i).value(), g);
      }
      g.writeBooleanField("unsafe", r.unsafe());
      g.writeBooleanField("compress", r.compress());
      g.writeBooleanField("use_rdma", r.useRdma());
    }
  }

  static final class GetRequestReader extends StdDeserializer<GetRemoteBuffersRequest> {
    private static final long serialVersionUID = 1L;

    GetRequestReader() {
      super(GetRemoteBuffersRequest.class);
    }

    @Override
    public GetRemoteBuffersRequest deserialize(JsonParser p, DeserializationContext ctx)
        throws IOException {
      if (!(ctx.readTree(p) instanceof ObjectNode node)) {
        throw new VineyardException.Invalid("get_remote_buffers_request: expected a JSON object");
      }
      boolean compress = node.path("compress").asBoolean(false);
      boolean rdma = node.path("use_rdma").asBoolean(false);
      // the IDs are read exactly as get_buffers_request's (numbered keys or an ids array)
      ObjectNode asGet = node.deepCopy();
      asGet.put("type", Command.GET_BUFFERS.request());
      GetBuffersRequest ids = (GetBuffersRequest) ctx.readTreeAsValue(asGet, Request.class);
      return new GetRemoteBuffersRequest(ids.ids(), ids.unsafe(), compress, rdma);
    }
  }
}
