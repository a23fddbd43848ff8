// A server that sends every message straight back: the smallest useful mock.
//
//   mtk server --script scripts/echo-server.groovy [-p PORT] [--profile seed]
//
// Replying replaces the seed's acknowledgement, so a client doing the seed's exchange (mtk client) takes the echo
// as its acknowledgement. Its confirmation ok is logged by the server and never reaches onMessage.

onMessage { msg ->
    // The body's bytes, not msg.value: in the json profile a string value would be read again as JSON text,
    // and bytes come back exactly as they were sent, whatever the payload.
    reply(msg.body)
}
