/**
 * Replaying recordings ({@code mtk replay}): {@link dev.mtk.replay.ClientReplay} plays the client side against a server
 * and reports each reply that differs ({@link dev.mtk.replay.JsonDiff}, minus {@link dev.mtk.payload.JsonPath}s
 * to ignore); {@link dev.mtk.replay.ServerReplay} serves the server side to whatever connects;
 * {@link dev.mtk.replay.GroovyExport} writes a scenario script that does what the recording did.
 */
package dev.mtk.replay;
