// The key/value protocol of kv-server.groovy, checked against a running server: the Groovy mock
// (mtk server --script scripts/kv-server.groovy) and the compiled plugin (mtk server --handler kv) must both pass.
//
//   mtk run scripts/kv-check.groovy 127.0.0.1:7373

usage 'mtk run scripts/kv-check.groovy HOST:PORT'
def kv = connect(args[0])

// A unique key, so that reruns against a long-lived server do not see each other's values.
def key = "check-${System.nanoTime()}"
kv.send([op: 'stats'])
def before = kv.receive().value
assert before.ok

kv.send([op: 'put', key: key, value: [n: 1, tags: ['a', 'b']]])
kv.expect(value: [ok: true])

kv.send([op: 'get', key: key])
kv.expect(value: [ok: true, value: [n: 1, tags: ['a', 'b']]])

kv.send([op: 'delete', key: key])
kv.expect(value: [ok: true, deleted: true])
kv.send([op: 'delete', key: key])
kv.expect(value: [ok: true, deleted: false])

kv.send([op: 'get', key: key])
kv.expect(value: [ok: false, error: "no such key: $key"])

kv.send([op: 'put', key: key])
kv.expect(value: [ok: false, error: 'missing value'])
kv.send([op: 'get'])
kv.expect(value: [ok: false, error: 'missing key'])
kv.send([op: 'rename', key: key])
kv.expect(value: [ok: false, error: 'unknown op: rename'])

// Eight requests since the first stats, and this one: the session's count and the global one moved by nine.
kv.send([op: 'stats'])
def after = kv.receive().value
assert after.session.requests == before.session.requests + 9
assert after.global.requests >= before.global.requests + 9
assert after.global.keys == before.global.keys
log "kv protocol checked against ${args[0]}"
