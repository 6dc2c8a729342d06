/**
 * The tensor plugin's implementation (private): the DS component / ServiceLoader provider, tree
 * writing, parsing and checks, the view, and element copying.
 *
 * <p>Must not: be exported, or compare the JSON texts of shape_/order_ as strings (they are
 * parsed).
 */
package io.vineyard.plugin.tensor.internal;
