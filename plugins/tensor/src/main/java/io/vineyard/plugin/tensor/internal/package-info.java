/**
 * The tensor plugin's implementation (private): the DS component / ServiceLoader provider, tree
 * writing, parsing and checks, the view, and element copying.
 */
package io.vineyard.plugin.tensor.internal;
