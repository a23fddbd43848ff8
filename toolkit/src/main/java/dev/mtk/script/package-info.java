/**
 * Groovy scripting: scenario scripts ({@code mtk run}) that start servers, open client sessions and assert on what
 * comes back, and behaviour scripts ({@code mtk server --script}) that define what a server does.
 *
 * <p>Scripts are compiled once. Every closure the DSL takes is declared with {@code @DelegatesTo}, so IDEs complete
 * it and {@code @CompileStatic} scripts type-check; behaviour callbacks are invoked through a method handle bound
 * once to the closure's {@code doCall}, not through Groovy's dynamic dispatch per message.
 */
package dev.mtk.script;
