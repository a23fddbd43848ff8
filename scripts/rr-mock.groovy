// A request/reply mock whose replies overtake each other: a key/value store where every request carries an id
// and every reply the same id, and a request may ask for its reply to be held back.
//
//   mtk server --profile reply --script scripts/rr-mock.groovy [-p PORT]
//
// The reply profile frames each JSON body behind a 4-byte length and expects one reply per request, nothing else:
// no acknowledgement, no "ok" confirmation (a body "ok" is a request like any other).
//
//   {"id":N,"op":"put","key":K,"value":V}   -> {"id":N,"ok":true}
//   {"id":N,"op":"get","key":K}             -> {"id":N,"ok":true,"value":V}  or  {"id":N,"ok":false,"error":"no such key: K"}
//   {"id":N,"op":X}, any other X            -> {"id":N,"ok":false,"error":"unknown op: X"}
//   ..."delay":MS in any request            -> the same reply, MS milliseconds later: requests sent after it overtake it
//   anything but an object, "ok" too      -> {"ok":false,"error":"not a request: BODY"}
//
// A client must pair replies with requests by their id (mtk client --correlate '$.id'), not by their order.

def store = shared.map('store')

onMessage { msg ->
    def request = msg.value
    if (!(request instanceof Map)) {
        reply([ok: false, error: "not a request: ${msg.text}"])
        return
    }
    def answer
    switch (request.op) {
        case 'put':
            store[request.key] = request.value
            answer = [ok: true]
            break
        case 'get':
            def value = store[request.key]
            answer = value == null ? [ok: false, error: "no such key: ${request.key}"] : [ok: true, value: value]
            break
        default:
            answer = [ok: false, error: "unknown op: ${request.op}"]
    }
    def response = [id: request.id] + answer
    // replyLater returns at once: the next request is served while this reply waits, and may be answered first.
    if (request.delay) {
        replyLater(request.delay as long, response)
    } else {
        reply(response)
    }
}
