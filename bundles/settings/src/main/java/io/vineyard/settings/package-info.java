/**
 * One parser per kind of setting value, as users write them on the command line and in
 * configurations: sizes ({@link io.vineyard.settings.Sizes}), durations ({@link
 * io.vineyard.settings.Durations}), addresses and peer lists ({@link
 * io.vineyard.settings.HostPort}). Shared by the launcher (which embeds this package: its class
 * path is the launcher and Felix only) and the bundles.
 *
 * <p>Must not: depend on anything but the JDK. Errors are {@link IllegalArgumentException}s quoting
 * the text and saying what to write instead.
 */
@Export
@Version("0.1.0")
package io.vineyard.settings;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
