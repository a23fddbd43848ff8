// A request/reply server that answers out of order, for `mtk bench --correlate '$.id'` (docs/PERFORMANCE.md):
// each connection's requests are held until HOLD of them have come (default 4), then answered last first,
// each with {"id":<the request's id>,"ok":true}. HOLD=1 answers in order with the same work per message.
//
//   HOLD=4 mtk server --profile reply --script bench/reverse.groovy -p PORT
//
// A bench whose --pipeline is a multiple of HOLD keeps every batch full; else its last requests wait for ever.
def hold = (System.getenv('HOLD') ?: '4') as int

onMessage { msg ->
    // One session's messages arrive one at a time, so its own list needs no locking.
    def held = session.state.held ?: (session.state.held = [])
    held << msg['id']
    if (held.size() >= hold) {
        held.reverseEach { id -> reply([id: id, ok: true]) }
        held.clear()
    }
}
