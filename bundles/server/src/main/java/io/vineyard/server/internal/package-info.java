/**
 * The IPC server: vineyardd's protocol on a UNIX-domain socket over the bulk store and the metadata
 * service, as a DS component ({@code IpcServerComponent}); each request record goes to the typed
 * handler of its command ({@code Dispatcher}), trees are checked by the object-type plugins before
 * they are stored. Nothing is exported.
 *
 * <p>Must not: build or read raw JSON (the protocol's codec does), block other connections while
 * one waits, or let any request stop the server.
 */
package io.vineyard.server.internal;
