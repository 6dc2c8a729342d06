/**
 * The cluster's metadata service: global object trees, names and the instance registry replicated
 * with jgroups-raft ({@link io.vineyard.meta.raft.MetadataStateMachine}), transient trees kept local,
 * the Raft log and snapshots in a MapDB file ({@link io.vineyard.meta.raft.MapDbLog}). Not exported:
 * other bundles see it only as an {@link io.vineyard.meta.MetadataService}.
 */
package io.vineyard.meta.raft;
