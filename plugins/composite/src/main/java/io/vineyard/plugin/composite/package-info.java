/**
 * Pairs and sequences of Vineyard objects: {@link io.vineyard.plugin.composite.Pair} values are put
 * as {@code vineyard::Pair} (members {@code first_}, {@code second_}) and {@link java.util.List}
 * values as {@code vineyard::Sequence} (members {@code __elements_-0 … n-1}); their typed views are
 * {@link io.vineyard.plugin.composite.PairObject} and {@link
 * io.vineyard.plugin.composite.SequenceObject}. Elements are any values another plugin can put, or
 * objects already in the store.
 *
 * <p>Must not: put members twice: an element already in the store is referenced, not copied.
 */
@Export
@Version("0.1.0")
package io.vineyard.plugin.composite;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
