/**
 * The array plugin's implementation (private): the DS component / ServiceLoader provider, tree
 * parsing and checks, the view, and element copying.
 *
 * <p>Must not: be exported; element reading is the API's (ElementView, ElementData), not copied
 * here.
 */
package io.vineyard.plugin.array.internal;
