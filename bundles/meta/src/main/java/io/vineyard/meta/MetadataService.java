package io.vineyard.meta;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The metadata of an instance, as one service: its table of trees ({@link ObjectTable}), what is
 * global ({@link SharedMetadata}) and the cluster ({@link ClusterStatus}). A lone instance
 * implements it in memory ({@link MetadataServices#local}) or durably; a cluster member with Raft.
 * Code that needs one concern takes that interface.
 */
@ProviderType
public interface MetadataService extends ObjectTable, SharedMetadata, ClusterStatus {}
