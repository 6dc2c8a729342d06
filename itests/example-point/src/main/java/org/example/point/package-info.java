/**
 * A third party's object type for Vineyard, {@code example::Point}: the {@link org.example.point.Point}
 * value and its plugin, registered as an OSGi service (DS) and as a ServiceLoader provider.
 */
@Export
@Version("1.0.0")
package org.example.point;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
