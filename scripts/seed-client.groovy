// The seed's Go client, in mtk: one message in the seed profile, with the same bytes on the wire, so it can
// stand in for the Go client against the seed's Go server (or anything deployed from it).
//
//   mtk run scripts/seed-client.groovy [HOST:PORT]     # default 127.0.0.1:7373, where the seed's server listens
import java.time.Year

def (host, port) = (args ? args[0] : '127.0.0.1:7373').tokenize(':')
def server = connect(host: host, port: port as int, profile: 'seed')

// The seed's message: Joel's record, his age being the current year minus 1973.
def message = """{"ID":"i","Name":"Joel","Age":"${Year.now().value - 1973}","Programming Language":"go"}"""
def ack = server.exchange(message)    // framed message out, raw 我收到了 back, raw ok out

log "server replied ${ack.text}: ${ack.wireSize} B received, ${message.getBytes('UTF-8').length} B of message sent"
assert ack.text == '我收到了'

server.close()
log 'send over'
