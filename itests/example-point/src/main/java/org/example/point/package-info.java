/**
 * A third party's object type for Vineyard, {@code example::Point}: the {@link
 * org.example.point.Point} value and its plugin, registered as an OSGi service (DS) and as a
 * ServiceLoader provider.
 *
 * <p>Must not: use anything but the API and its SPI (it is what a third party can write).
 */
@Export
@Version("1.0.0")
package org.example.point;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
