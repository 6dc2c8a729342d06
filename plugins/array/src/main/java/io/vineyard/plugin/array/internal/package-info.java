/**
 * The array plugin's implementation (private): the DS component / ServiceLoader provider, tree
 * parsing and checks, the view, and element copying.
 */
package io.vineyard.plugin.array.internal;
