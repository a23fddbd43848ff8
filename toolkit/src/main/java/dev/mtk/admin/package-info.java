/**
 * Control of a running server from outside the JVM: {@link dev.mtk.admin.AdminServer}, a small HTTP and JSON API
 * ({@code mtk server --admin}) over an {@link dev.mtk.embed.MtkServer}, and {@link dev.mtk.admin.ScriptWatcher},
 * which reloads a behaviour script when its file changes ({@code mtk server --watch}).
 */
package dev.mtk.admin;
