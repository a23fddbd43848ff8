package dev.mtk.repl;

import dev.mtk.script.ScriptMessage;
import groovy.lang.Script;

/**
 * The base class of what the REPL evaluates: {@code = EXPRESSION} lines and {@code load FILE.groovy} scripts. Besides
 * the binding ({@code session}, the current session; {@code sessions}, all of them by id; every variable assigned
 * without {@code def}), the commands are verbs on the current session:
 *
 * <pre>
 * connect '127.0.0.1:7373'
 * 3.times { n -&gt; exchange([n: n]) }
 * send([op: 'get', key: 'a'])
 * assert expect(2000).value == [value: 1]
 * </pre>
 */
public abstract class ReplScript extends Script {
    private Commands commands;

    void attach(Commands commands) {
        this.commands = commands;
    }

    /** Opens a session, as the {@code connect} command: {@code connect '127.0.0.1:7373 --payload text'}. */
    public ReplSession connect(String address) {
        return commands.connect(address);
    }

    /** Makes session {@code id} the current one. */
    public ReplSession use(int id) {
        return commands.use(String.valueOf(id));
    }

    public void send(Object value) {
        commands.sessions().require().send(value);
    }

    public ScriptMessage expect() {
        return commands.sessions().require().expect();
    }

    public ScriptMessage expect(long millis) {
        return commands.sessions().require().expect(millis);
    }

    public ScriptMessage exchange(Object value) {
        return commands.sessions().require().exchange(value);
    }

    /** Takes the acknowledgement and answers it with {@code ok}; returns the acknowledgement. */
    public ScriptMessage ack() {
        return commands.sessions().require().ack();
    }

    /** Closes the current session. */
    public void close() {
        commands.close("");
    }
}
