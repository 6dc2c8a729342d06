package io.vineyard.protocol;

import java.util.HashMap;
import java.util.Map;

/**
 * The IPC commands this implementation speaks, with vineyardd's request and reply type strings.
 *
 * <p>Two of vineyardd's quirks are kept: {@code list_data_request} is answered with a
 * {@code get_data_reply}, and {@code cluster_meta} uses one string for request and reply.
 */
public enum Command {
  REGISTER("register_request", "register_reply"),
  EXIT("exit_request", null),
  CREATE_BUFFER("create_buffer_request", "create_buffer_reply"),
  SEAL("seal_request", "seal_reply"),
  GET_BUFFERS("get_buffers_request", "get_buffers_reply"),
  DROP_BUFFER("drop_buffer_request", "drop_buffer_reply"),
  RELEASE("release_request", "release_reply"),
  INCREASE_REFERENCE_COUNT("increase_reference_count_request", "increase_reference_count_reply"),
  CREATE_DATA("create_data_request", "create_data_reply"),
  GET_DATA("get_data_request", "get_data_reply"),
  LIST_DATA("list_data_request", "get_data_reply"),
  DEL_DATA("del_data_request", "del_data_reply"),
  DEL_DATA_WITH_FEEDBACKS("del_data_with_feedbacks_request", "del_data_with_feedbacks_reply"),
  EXISTS("exists_request", "exists_reply"),
  PERSIST("persist_request", "persist_reply"),
  IF_PERSIST("if_persist_request", "if_persist_reply"),
  PUT_NAME("put_name_request", "put_name_reply"),
  GET_NAME("get_name_request", "get_name_reply"),
  LIST_NAME("list_name_request", "list_name_reply"),
  DROP_NAME("drop_name_request", "drop_name_reply"),
  LABEL("label_request", "label_reply"),
  CLUSTER_META("cluster_meta", "cluster_meta"),
  INSTANCE_STATUS("instance_status_request", "instance_status_reply"),
  CLEAR("clear_request", "clear_reply");

  private static final Map<String, Command> BY_REQUEST = new HashMap<>();

  static {
    for (Command c : values()) {
      BY_REQUEST.put(c.request, c);
    }
  }

  private final String request;
  private final String reply;

  Command(String request, String reply) {
    this.request = request;
    this.reply = reply;
  }

  /** The request's {@code type} string. */
  public String request() {
    return request;
  }

  /** The reply's {@code type} string, or null when the command has no reply ({@code exit}). */
  public String reply() {
    return reply;
  }

  /** The command for a request type string, or null when unknown. */
  public static Command forRequest(String type) {
    return BY_REQUEST.get(type);
  }
}
