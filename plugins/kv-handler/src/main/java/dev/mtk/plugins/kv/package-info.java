/**
 * The handler {@code kv}: an in-memory JSON key/value store, the same protocol as {@code scripts/kv-server.groovy}
 * ({@code mtk server --handler kv}).
 */
package dev.mtk.plugins.kv;
