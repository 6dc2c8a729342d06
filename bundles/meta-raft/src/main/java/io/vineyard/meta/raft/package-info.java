/**
 * The cluster's metadata service: global object trees, names and the instance registry replicated
 * with jgroups-raft ({@link io.vineyard.meta.raft.MetadataStateMachine}), transient trees kept
 * local, the Raft log and snapshots in a MapDB file ({@link io.vineyard.meta.raft.MapDbLog}). Not
 * exported: other bundles see it only as an {@link io.vineyard.meta.MetadataService}.
 *
 * <p>Must not: hand JGroups or MapDB types out of the bundle, or change replicated state outside
 * the state machine.
 */
package io.vineyard.meta.raft;
