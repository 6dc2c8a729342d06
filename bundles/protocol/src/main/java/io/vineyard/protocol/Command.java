package io.vineyard.protocol;

import io.vineyard.protocol.BlobMessages.CreateBufferReply;
import io.vineyard.protocol.BlobMessages.CreateBufferRequest;
import io.vineyard.protocol.BlobMessages.DropBufferReply;
import io.vineyard.protocol.BlobMessages.DropBufferRequest;
import io.vineyard.protocol.BlobMessages.GetBuffersReply;
import io.vineyard.protocol.BlobMessages.GetBuffersRequest;
import io.vineyard.protocol.BlobMessages.IncreaseReferenceCountReply;
import io.vineyard.protocol.BlobMessages.IncreaseReferenceCountRequest;
import io.vineyard.protocol.BlobMessages.ReleaseReply;
import io.vineyard.protocol.BlobMessages.ReleaseRequest;
import io.vineyard.protocol.BlobMessages.SealReply;
import io.vineyard.protocol.BlobMessages.SealRequest;
import io.vineyard.protocol.DataMessages.ClearReply;
import io.vineyard.protocol.DataMessages.ClearRequest;
import io.vineyard.protocol.DataMessages.CreateDataReply;
import io.vineyard.protocol.DataMessages.CreateDataRequest;
import io.vineyard.protocol.DataMessages.DelDataReply;
import io.vineyard.protocol.DataMessages.DelDataRequest;
import io.vineyard.protocol.DataMessages.DelDataWithFeedbacksReply;
import io.vineyard.protocol.DataMessages.DelDataWithFeedbacksRequest;
import io.vineyard.protocol.DataMessages.ExistsReply;
import io.vineyard.protocol.DataMessages.ExistsRequest;
import io.vineyard.protocol.DataMessages.GetDataReply;
import io.vineyard.protocol.DataMessages.GetDataRequest;
import io.vineyard.protocol.DataMessages.ListDataRequest;
import io.vineyard.protocol.InstanceMessages.ClusterMetaReply;
import io.vineyard.protocol.InstanceMessages.ClusterMetaRequest;
import io.vineyard.protocol.InstanceMessages.ExitRequest;
import io.vineyard.protocol.InstanceMessages.InstanceStatusReply;
import io.vineyard.protocol.InstanceMessages.InstanceStatusRequest;
import io.vineyard.protocol.InstanceMessages.RegisterReply;
import io.vineyard.protocol.InstanceMessages.RegisterRequest;
import io.vineyard.protocol.NameMessages.DropNameReply;
import io.vineyard.protocol.NameMessages.DropNameRequest;
import io.vineyard.protocol.NameMessages.GetNameReply;
import io.vineyard.protocol.NameMessages.GetNameRequest;
import io.vineyard.protocol.NameMessages.IfPersistReply;
import io.vineyard.protocol.NameMessages.IfPersistRequest;
import io.vineyard.protocol.NameMessages.LabelReply;
import io.vineyard.protocol.NameMessages.LabelRequest;
import io.vineyard.protocol.NameMessages.ListNameReply;
import io.vineyard.protocol.NameMessages.ListNameRequest;
import io.vineyard.protocol.NameMessages.PersistReply;
import io.vineyard.protocol.NameMessages.PersistRequest;
import io.vineyard.protocol.NameMessages.PutNameReply;
import io.vineyard.protocol.NameMessages.PutNameRequest;
import io.vineyard.protocol.SpillMessages.EvictReply;
import io.vineyard.protocol.SpillMessages.EvictRequest;
import io.vineyard.protocol.SpillMessages.IsSpilledReply;
import io.vineyard.protocol.SpillMessages.IsSpilledRequest;
import io.vineyard.protocol.SpillMessages.LoadReply;
import io.vineyard.protocol.SpillMessages.LoadRequest;
import io.vineyard.protocol.SpillMessages.UnpinReply;
import io.vineyard.protocol.SpillMessages.UnpinRequest;
import java.util.HashMap;
import java.util.Map;

/**
 * The IPC commands this implementation speaks: vineyardd's request and reply type strings, and the
 * record types each is read into.
 *
 * <p>Two of vineyardd's quirks are kept: {@code list_data_request} is answered with a {@code
 * get_data_reply}, and {@code cluster_meta} uses one string for request and reply.
 */
public enum Command {
  REGISTER("register_request", RegisterRequest.class, "register_reply", RegisterReply.class),
  EXIT("exit_request", ExitRequest.class, null, null),
  CREATE_BUFFER(
      "create_buffer_request",
      CreateBufferRequest.class,
      "create_buffer_reply",
      CreateBufferReply.class),
  SEAL("seal_request", SealRequest.class, "seal_reply", SealReply.class),
  GET_BUFFERS(
      "get_buffers_request", GetBuffersRequest.class, "get_buffers_reply", GetBuffersReply.class),
  DROP_BUFFER(
      "drop_buffer_request", DropBufferRequest.class, "drop_buffer_reply", DropBufferReply.class),
  RELEASE("release_request", ReleaseRequest.class, "release_reply", ReleaseReply.class),
  INCREASE_REFERENCE_COUNT(
      "increase_reference_count_request",
      IncreaseReferenceCountRequest.class,
      "increase_reference_count_reply",
      IncreaseReferenceCountReply.class),
  CREATE_DATA(
      "create_data_request", CreateDataRequest.class, "create_data_reply", CreateDataReply.class),
  GET_DATA("get_data_request", GetDataRequest.class, "get_data_reply", GetDataReply.class),
  LIST_DATA("list_data_request", ListDataRequest.class, "get_data_reply", GetDataReply.class),
  DEL_DATA("del_data_request", DelDataRequest.class, "del_data_reply", DelDataReply.class),
  DEL_DATA_WITH_FEEDBACKS(
      "del_data_with_feedbacks_request",
      DelDataWithFeedbacksRequest.class,
      "del_data_with_feedbacks_reply",
      DelDataWithFeedbacksReply.class),
  EXISTS("exists_request", ExistsRequest.class, "exists_reply", ExistsReply.class),
  PERSIST("persist_request", PersistRequest.class, "persist_reply", PersistReply.class),
  IF_PERSIST(
      "if_persist_request", IfPersistRequest.class, "if_persist_reply", IfPersistReply.class),
  PUT_NAME("put_name_request", PutNameRequest.class, "put_name_reply", PutNameReply.class),
  GET_NAME("get_name_request", GetNameRequest.class, "get_name_reply", GetNameReply.class),
  LIST_NAME("list_name_request", ListNameRequest.class, "list_name_reply", ListNameReply.class),
  DROP_NAME("drop_name_request", DropNameRequest.class, "drop_name_reply", DropNameReply.class),
  LABEL("label_request", LabelRequest.class, "label_reply", LabelReply.class),
  CLUSTER_META("cluster_meta", ClusterMetaRequest.class, "cluster_meta", ClusterMetaReply.class),
  INSTANCE_STATUS(
      "instance_status_request",
      InstanceStatusRequest.class,
      "instance_status_reply",
      InstanceStatusReply.class),
  CLEAR("clear_request", ClearRequest.class, "clear_reply", ClearReply.class),
  EVICT("evict_request", EvictRequest.class, "evict_reply", EvictReply.class),
  LOAD("load_request", LoadRequest.class, "load_reply", LoadReply.class),
  UNPIN("unpin_request", UnpinRequest.class, "unpin_reply", UnpinReply.class),
  IS_SPILLED(
      "is_spilled_request", IsSpilledRequest.class, "is_spilled_reply", IsSpilledReply.class),
  CREATE_REMOTE_BUFFER(
      "create_remote_buffer_request",
      RemoteMessages.CreateRemoteBufferRequest.class,
      "create_buffer_reply",
      CreateBufferReply.class),
  CREATE_REMOTE_BUFFERS(
      "create_remote_buffers_request",
      RemoteMessages.CreateRemoteBuffersRequest.class,
      "create_buffers_reply",
      StoreMessages.CreateBuffersReply.class),
  GET_REMOTE_BUFFERS(
      "get_remote_buffers_request",
      RemoteMessages.GetRemoteBuffersRequest.class,
      "get_buffers_reply",
      GetBuffersReply.class),
  MIGRATE_OBJECT(
      "migrate_object_request",
      RemoteMessages.MigrateObjectRequest.class,
      "migrate_object_reply",
      RemoteMessages.MigrateObjectReply.class),
  CREATE_BUFFERS(
      "create_buffers_request",
      StoreMessages.CreateBuffersRequest.class,
      "create_buffers_reply",
      StoreMessages.CreateBuffersReply.class),
  SHRINK_BUFFER(
      "shrink_buffer_request",
      StoreMessages.ShrinkBufferRequest.class,
      "shrink_buffer_reply",
      StoreMessages.ShrinkBufferReply.class),
  IS_IN_USE(
      "is_in_use_request",
      StoreMessages.IsInUseRequest.class,
      "is_in_use_reply",
      StoreMessages.IsInUseReply.class),
  MEMORY_TRIM(
      "memory_trim_request",
      StoreMessages.MemoryTrimRequest.class,
      "memory_trim_reply",
      StoreMessages.MemoryTrimReply.class),
  CREATE_DATAS(
      "create_datas_request",
      ObjectMessages.CreateDatasRequest.class,
      "create_datas_reply",
      ObjectMessages.CreateDatasReply.class),
  SHALLOW_COPY(
      "shallow_copy_request",
      ObjectMessages.ShallowCopyRequest.class,
      "shallow_copy_reply",
      ObjectMessages.ShallowCopyReply.class),
  CREATE_STREAM(
      "create_stream_request",
      StreamMessages.CreateStreamRequest.class,
      "create_stream_reply",
      StreamMessages.CreateStreamReply.class),
  OPEN_STREAM(
      "open_stream_request",
      StreamMessages.OpenStreamRequest.class,
      "open_stream_reply",
      StreamMessages.OpenStreamReply.class),
  GET_NEXT_STREAM_CHUNK(
      "get_next_stream_chunk_request",
      StreamMessages.GetNextStreamChunkRequest.class,
      "get_next_stream_chunk_reply",
      StreamMessages.GetNextStreamChunkReply.class),
  PUSH_NEXT_STREAM_CHUNK(
      "push_next_stream_chunk_request",
      StreamMessages.PushNextStreamChunkRequest.class,
      "push_next_stream_chunk_reply",
      StreamMessages.PushNextStreamChunkReply.class),
  PULL_NEXT_STREAM_CHUNK(
      "pull_next_stream_chunk_request",
      StreamMessages.PullNextStreamChunkRequest.class,
      "pull_next_stream_chunk_reply",
      StreamMessages.PullNextStreamChunkReply.class),
  STOP_STREAM(
      "stop_stream_request",
      StreamMessages.StopStreamRequest.class,
      "stop_stream_reply",
      StreamMessages.StopStreamReply.class),
  DROP_STREAM(
      "drop_stream_request",
      StreamMessages.DropStreamRequest.class,
      "drop_stream_reply",
      StreamMessages.DropStreamReply.class),
  NEW_SESSION(
      "new_session_request",
      SessionMessages.NewSessionRequest.class,
      "new_session_reply",
      SessionMessages.NewSessionReply.class),
  DELETE_SESSION(
      "delete_session_request",
      SessionMessages.DeleteSessionRequest.class,
      "delete_session_reply",
      SessionMessages.DeleteSessionReply.class),
  ACQUIRE_LOCK(
      "acquire_lock_request",
      SessionMessages.AcquireLockRequest.class,
      "acquire_lock_reply",
      SessionMessages.AcquireLockReply.class),
  RELEASE_LOCK(
      "release_lock_request",
      SessionMessages.ReleaseLockRequest.class,
      "release_lock_reply",
      SessionMessages.ReleaseLockReply.class);

  private static final Map<Class<?>, Command> BY_REQUEST_TYPE = new HashMap<>();
  private static final Map<Class<?>, String> REPLY_NAMES = new HashMap<>();

  static {
    for (Command c : values()) {
      BY_REQUEST_TYPE.put(c.requestType, c);
      if (c.replyType != null) {
        REPLY_NAMES.putIfAbsent(c.replyType, c.reply);
      }
    }
  }

  private final String request;
  private final Class<? extends Request<?>> requestType;
  private final String reply;
  private final Class<? extends Reply> replyType;

  @SuppressWarnings({"unchecked", "rawtypes"})
  Command(
      String request,
      Class<? extends Request> requestType,
      String reply,
      Class<? extends Reply> replyType) {
    this.request = request;
    this.requestType = (Class<? extends Request<?>>) requestType;
    this.reply = reply;
    this.replyType = replyType;
  }

  /** The request's {@code type} string. */
  public String request() {
    return request;
  }

  /** The reply's {@code type} string, or null when the command has no reply ({@code exit}). */
  public String reply() {
    return reply;
  }

  /** The record a request of this command is read into. */
  public Class<? extends Request<?>> requestType() {
    return requestType;
  }

  /** The record the reply is read into, or null when the command has no reply. */
  public Class<? extends Reply> replyType() {
    return replyType;
  }

  /** The command of a request record. */
  public static Command of(Request<?> request) {
    return BY_REQUEST_TYPE.get(request.getClass());
  }

  /** The {@code type} string of a reply record (null for an error reply). */
  static String replyName(Class<?> replyType) {
    return REPLY_NAMES.get(replyType);
  }
}
