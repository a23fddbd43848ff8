// What a server does with frames that arrive awkwardly or wrong: a check of its decoder, with mtk's fault verbs.
//
//   mtk run scripts/faults.groovy [HOST:PORT]
//
// Without an address it checks an mtk server started in this process. Each case runs on its own connection in the
// json profile. TCP may cut a frame anywhere and a lenient server skips garbage before a magic, so the first three
// must be acknowledged; a lying length must make the server close that connection; and after all that, the server
// must still serve a new one.

def target = args ? args[0] : server(port: 0).address
timeout = 2000

def acknowledges = { String name, Closure fault ->
    def c = connect(target)
    fault(c)
    assert c.receive().value == '我收到了' : "$name: expected the acknowledgement"
    c.confirm()
    c.close()
    log "$name: acknowledged"
}

def closes = { String name, Closure fault ->
    def c = connect(target)
    fault(c)
    try {
        def answer = c.receive()
        assert false : "$name: expected the server to close the connection, it answered $answer"
    } catch (dev.mtk.script.ScriptFailure closed) {
        assert !c.open : "$name: expected the server to close the connection, it said nothing"
        log "$name: closed by the server"
    }
}

acknowledges('a frame in three pieces') { c -> c.sendSplit([n: 1], [3, 9], 100) }
acknowledges('a frame a byte at a time') { c -> c.drip([n: 2], 5) }
acknowledges('garbage before the magic') { c -> c.sendGarbage('junk', [n: 3]) }

closes('a negative length') { c -> c.sendWithLength([n: 4], -1) }
closes('the largest length') { c -> c.sendOversize([n: 5]) }
closes('a length shorter than the body') { c -> c.sendWithLength([n: 6], 3) }

connect(target).closeHalfway([n: 7])
log 'half a frame, then closed'
acknowledges('a new connection after all that') { c -> c.send([n: 8]) }
