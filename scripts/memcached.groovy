// A real memcached over its binary protocol: SET a key, GET it back, each reply paired with its request by the
// opaque field of the 24-byte header (connect(correlate: 'header.opaque')). Start one with
// memcached -l 127.0.0.1 -p 11211 -U 0, then:
//
//   mtk run scripts/memcached.groovy 127.0.0.1:11211 [KEY] [VALUE]

def words = usage 'mtk run scripts/memcached.groovy HOST:PORT [KEY] [VALUE]'
def address = words[0]
def key = words.size() > 1 ? words[1] : "mtk-${System.nanoTime()}"
def value = words.size() > 2 ? words[2] : 'hello from mtk'

def mc = connect(host: address.substring(0, address.lastIndexOf(':')), port: address.substring(address.lastIndexOf(':') + 1),
        framing: 'memcached', payload: 'bytes', correlate: 'header.opaque')

// magic, opcode, key length, extras length, data type, vbucket, body length, opaque, cas; then the body
def set = mc.request bin {
    u8 0x80; u8 0x01; u16 size(key); u8 8; u8 0; u16 0; u32 8 + size(key) + size(value); u32 1; u64 0
    u32 0; u32 0          // extras: flags, expiry (never)
    str key; str value
}
assert set.bytes.u8(0) == 0x81 && set.bytes.u16(6) == 0 : "SET answered status ${set.bytes.u16(6)}: $set"

def get = mc.request bin { u8 0x80; u8 0x00; u16 size(key); u8 0; u8 0; u16 0; u32 size(key); u32 2; u64 0; str key }
def r = get.bytes
assert r.u16(6) == 0 : "GET answered status ${r.u16(6)}: ${r.str(24)}"
def stored = r.str(24 + r.u8(4) + r.u16(2))     // after the header, the extras (flags) and the key (none in a GET reply)
assert stored == value

log "memcached $address: $key = $stored"
