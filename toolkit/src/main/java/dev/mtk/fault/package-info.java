/**
 * Frame-level fault injection: {@link dev.mtk.fault.FaultyFrames} builds the bytes (a lying length, the largest
 * length, a frame in pieces or in half), {@link dev.mtk.fault.FaultInjector} sends them on a client session with the
 * pauses asked for. Scripts use it through {@code ScriptClient}; so can the REPL.
 */
package dev.mtk.fault;
