/**
 * {@code mtk repl}: an interactive shell over live client sessions. A person types commands ({@code connect},
 * {@code send}, {@code expect}, ...), JSON bodies and Groovy expressions; frames from the servers are printed above the
 * prompt as they arrive. Without a terminal on standard input the same commands run line by line, for CI.
 *
 * <p>Wiring, as in jline's own demo: {@link dev.mtk.repl.Repl} builds the terminal's line reader with the
 * {@link dev.mtk.repl.ReplParser} (multi-line until brackets balance), the {@link dev.mtk.repl.ReplCompleter} and the
 * history file, and runs the loop; {@link dev.mtk.repl.Commands} holds the REPL's state and does what a line says;
 * {@link dev.mtk.repl.ReplSession} wraps one client session, printing its frames through {@link
 * dev.mtk.repl.FrameFormat}.
 */
package dev.mtk.repl;
