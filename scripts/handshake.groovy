// The seed's exchange, both sides in this process on loopback: an mtk server and an mtk client.
//
//   mtk run scripts/handshake.groovy          # profile json: everything framed, JSON bodies
//   mtk run scripts/handshake.groovy seed     # profile seed: byte for byte what the seed's Go programs speak
//
// The server and client log every step themselves (connected, sent, received, acknowledged, confirmed,
// closed); the script's own lines say which step of the handshake each one belongs to.
import java.time.Year

def profile = args ? args[0] : 'json'

// No behaviour given: the server does the seed's exchange. Port 0 takes a free port, so runs never collide.
def srv = server(port: 0, profile: profile)
log "1. server listening on ${srv.address}, profile $profile"

def client = connect(port: srv.port, profile: profile)

// Joel's age is the current year minus 1973 in the seed, so the message changes once a year.
def message = """{"ID":"i","Name":"Joel","Age":"${Year.now().value - 1973}","Programming Language":"go"}"""
log '2. client sends the message and waits for the acknowledgement'
def ack = client.exchange(message)    // send, wait for 我收到了, answer with ok

log "3. client got the acknowledgement: ${ack.text} (${ack.wireSize} B on the wire) and confirmed with ok"
assert ack.value == '我收到了'
// The seed's Go server writes its acknowledgement raw, with no frame around it; the json profile frames it.
assert ack.framed == (profile != 'seed')

client.close()
log 'send over'
