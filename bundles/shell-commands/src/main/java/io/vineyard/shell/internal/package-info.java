/**
 * The runtime's Gogo shell commands: read-only looks into the instance through the in-process
 * client, registered through the standard Gogo command properties (no Gogo API is imported). Owns
 * the commands' text output only.
 */
package io.vineyard.shell.internal;
