/**
 * The configuration bridge, the one part of this jar that runs inside the framework: the
 * launcher's {@code vineyard.config.<pid>.<key>} framework properties become Config Admin
 * configurations. Private to the runtime bundle.
 */
package io.vineyard.runtime.config;
