// A CI check of a running server that speaks the seed's exchange (json profile): exits 0 when it behaves, and 1
// naming the line that caught it, what was expected and what came back, when it does not.
//
//   mtk run scripts/scenario-assert.groovy HOST:PORT [TIMEOUT_MS]
//   mtk run scripts/scenario-assert.groovy 127.0.0.1:7373 && echo healthy
usage 'mtk run scripts/scenario-assert.groovy HOST:PORT [TIMEOUT_MS]'
// Every wait below gives up after this long: a server that stalls fails the build instead of hanging it.
timeout = args.size() > 1 ? args[1] as long : 2000

def server = connect(args[0])

// Different shapes of message, as a real client would send: an object written as text, a map, nested values.
['{"n":1}', [n: 2], [name: 'Joel', languages: ['go', 'groovy'], age: 53]].each { message ->
    def ack = server.exchange(message)
    assert ack.value == '我收到了'
}

// The same exchange step by step: expect says what it wanted and what it got when the reply is wrong.
server.send([n: 4])
server.expect(value: '我收到了')
server.confirm()

server.close()
log "${args[0]} passed"
