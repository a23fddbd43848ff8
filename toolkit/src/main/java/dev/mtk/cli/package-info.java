/**
 * The {@code mtk} command line: {@code server}, {@code client}, {@code demo}. Each command is a class with its
 * options; {@link dev.mtk.cli.Mtk} dispatches and turns failures into one line and an exit code (0 success, 1 runtime
 * failure, 2 usage error).
 */
package dev.mtk.cli;
