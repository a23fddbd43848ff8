// A stateful mock: an in-memory key/value store over JSON, for clients whose real store is not written yet.
//
//   mtk server --script scripts/kv-server.groovy [-p PORT]
//
// The protocol (a Java handler plugin will implement the same one): each request is a JSON object, each gets
// exactly one JSON object back. Keys are strings; a value is any JSON but null.
//
//   {"op":"put","key":K,"value":V}   -> {"ok":true}
//   {"op":"get","key":K}             -> {"ok":true,"value":V}  or  {"ok":false,"error":"no such key: K"}
//   {"op":"delete","key":K}          -> {"ok":true,"deleted":true}  (false when there was no such key)
//   {"op":"stats"}                   -> {"ok":true,"session":{"requests":n},"global":{"requests":N,"keys":K}}
//   {"op":X}, any other X            -> {"ok":false,"error":"unknown op: X"}
//   a put, get or delete without a string key   -> {"ok":false,"error":"missing key"}
//   a put without a value (or a null one)        -> {"ok":false,"error":"missing value"}
//
// "requests" counts every request answered, this one included: n on this connection, N on all of them since
// the server started. The store and N are shared by every session; n lives and dies with its session.
//
// The callback is compiled statically (@CompileStatic on the method that defines it, the types given where Groovy
// cannot infer them): that took about a third off its processor time per request (1.5-1.8 us to 1.0-1.1 us), dynamic
// dispatch being most of what a script costs beyond the same handler in Java (docs/SCRIPTING.md, Staying fast).
import dev.mtk.script.ScriptMessage
import groovy.transform.CompileStatic
import java.util.concurrent.atomic.AtomicLong

// Sessions are served on several threads at once, so what they share is a thread-safe counter and map.
serve(shared.map('store'), shared.counter('requests'))

@CompileStatic
void serve(Map<Object, Object> store, AtomicLong requests) {
    onMessage { ScriptMessage msg ->
        // One session's messages arrive one at a time, so its own count needs no locking.
        Map<String, Object> state = session.state
        state.requests = ((state.requests ?: 0L) as long) + 1
        requests.incrementAndGet()

        def op = msg['op']
        def key = msg['key']
        // An if chain on a typed String, not `switch (op)` or `op in [...]`: on an untyped value those two call
        // Groovy's isCase dynamically even here, about 200 ns per request (docs/SCRIPTING.md, Staying fast).
        String name = op instanceof String ? (String) op : null
        if ((name == 'put' || name == 'get' || name == 'delete') && !(key instanceof String)) {
            reply([ok: false, error: 'missing key'])
        } else if (name == 'put') {
            def value = msg['value']
            if (value == null) {
                reply([ok: false, error: 'missing value'])
            } else {
                store[key] = value
                reply([ok: true])
            }
        } else if (name == 'get') {
            def value = store[key]
            reply(value == null ? [ok: false, error: "no such key: $key"] : [ok: true, value: value])
        } else if (name == 'delete') {
            reply([ok: true, deleted: store.remove(key) != null])
        } else if (name == 'stats') {
            reply([ok     : true,
                   session: [requests: state.requests],
                   global : [requests: requests.get(), keys: store.size()]])
        } else {
            reply([ok: false, error: "unknown op: $op"])
        }
    }
}
