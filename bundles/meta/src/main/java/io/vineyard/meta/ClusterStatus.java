package io.vineyard.meta;

import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/** Who is in the cluster and how this instance's metadata is doing. */
@ProviderType
public interface ClusterStatus {

  /** The instances of the cluster (a lone instance lists itself). */
  List<InstanceInfo> instances();

  /**
   * Makes this instance's RPC endpoint known to the cluster ({@link InstanceInfo#rpcEndpoint()} on
   * every member), so that other instances can fetch its payloads. A lone instance has no one to
   * tell: the default does nothing.
   *
   * @param endpoint {@code host:port}
   */
  default void advertiseRpcEndpoint(String endpoint) {}

  /** How this instance's metadata is doing (role, commit index, ...), for status replies. */
  Map<String, Object> status();
}
