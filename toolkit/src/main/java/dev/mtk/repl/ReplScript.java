package dev.mtk.repl;

import dev.mtk.script.BinaryBuilder;
import dev.mtk.script.ScriptMessage;
import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import groovy.lang.Script;
import java.util.Map;

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
 * assert request([id: 7, op: 'get']).value.ok
 * expect(value: [id: 8, ok: true], timeout: 500)
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

    /** Sends {@code value}; on a correlated session returns the reply paired with it, else {@code null}. */
    public ScriptMessage send(Object value) {
        return commands.sessions().require().send(value);
    }

    /** {@code send(value, header: [opaque: 7])}. */
    public ScriptMessage send(Map<String, Object> options, Object value) {
        return commands.sessions().require().send(options, value);
    }

    /** Sends {@code value} and returns its reply, as a scenario's {@code request}. */
    public ScriptMessage request(Object value) {
        return commands.sessions().require().request(value);
    }

    /** {@code request(value, header: [opaque: 7])}. */
    public ScriptMessage request(Map<String, Object> options, Object value) {
        return commands.sessions().require().request(options, value);
    }

    /** A binary message written field by field, as in scripts: {@code send bin { u8 0x80; u16 1 }}. */
    public byte[] bin(@DelegatesTo(value = BinaryBuilder.class, strategy = Closure.DELEGATE_FIRST) Closure<?> fields) {
        return BinaryBuilder.build(fields);
    }

    public ScriptMessage expect() {
        return commands.sessions().require().expect();
    }

    public ScriptMessage expect(long millis) {
        return commands.sessions().require().expect(millis);
    }

    /** {@code expect(value: [id: 2], timeout: 500, anyOrder: true)}, as in scenarios. */
    public ScriptMessage expect(Map<String, Object> options) {
        return commands.sessions().require().expect(options);
    }

    /** {@code expect { it.value.id == 2 }}. */
    public ScriptMessage expect(Closure<?> condition) {
        return commands.sessions().require().expect(condition);
    }

    /** {@code expect(timeout: 500) { it.value.id == 2 }}. */
    public ScriptMessage expect(Map<String, Object> options, Closure<?> condition) {
        return commands.sessions().require().expect(options, condition);
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
