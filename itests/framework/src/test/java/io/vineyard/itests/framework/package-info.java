/**
 * Tests that run inside a Felix framework with SCR and Config Admin (bnd's tester, resolved from
 * {@code test.bndrun}): the object-type plugins as services, the client's plugin registry as
 * plugins come and go, and a blob round trip through a server configured from Config Admin.
 */
package io.vineyard.itests.framework;
