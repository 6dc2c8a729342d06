/**
 * The Java Vineyard client: {@link io.vineyard.client.Vineyard#connect} opens a {@link
 * io.vineyard.api.VineyardClient} on an instance's UNIX socket; payloads are read and written in
 * place in the instance's shared memory (zero-copy). Inside an OSGi framework use the {@link
 * io.vineyard.client.VineyardConnector} service, which sees the plugin bundles.
 *
 * <p>Must not: need OSGi: a plain class path with the client jars is enough.
 */
@Export
@Version("0.2.0")
package io.vineyard.client;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
