// A check of a request/reply service whose replies come back in any order (rr-mock.groovy is one): each reply is
// found by the id of its request, never by its place in the stream.
//
//   mtk server --profile reply --script scripts/rr-mock.groovy -p 7474 &
//   mtk run scripts/rr-scenario.groovy 127.0.0.1:7474

def words = usage 'mtk run scripts/rr-scenario.groovy HOST:PORT'
// correlate: '$.id' pairs replies with requests by their id: request() waits for its own reply, and expect()
// searches every reply waiting instead of testing the next one only.
def service = connect(words[0], profile: 'reply', correlate: '$.id')
def key = "rr-${System.nanoTime()}"

// One request at a time: request sends and returns the reply with the same id.
assert service.request([id: 1, op: 'put', key: key, value: [n: 1]]).value == [id: 1, ok: true]
assert service.request([id: 2, op: 'get', key: key]).value.value == [n: 1]

// Two requests in flight, the first held back by the mock: its reply comes second, and is still found by its id.
service.send([id: 3, op: 'get', key: key, delay: 500])
service.send([id: 4, op: 'get', key: 'nobody'])
service.expect(value: [id: 3, ok: true, value: [n: 1]])
service.expect { it.value.id == 4 && it.value.error == 'no such key: nobody' }

// Under the reply exchange "ok" is a body like any other: the service answers it (it has no id to pair by).
service.send('"ok"')
service.expect(value: [ok: false, error: 'not a request: "ok"'])

log "request/reply checked against ${words[0]}"
