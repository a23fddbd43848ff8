// A real memcached over its binary protocol: SET a key, GET it back, each reply paired with its request by the
// opaque field of the 24-byte header (connect(correlate: 'header.opaque')). Requests are written with bin { ... };
// replies are read by the header fields the memcached framing names (msg.header.status) and at byte offsets
// (msg.bytes.str(24)). Start one with
// memcached -l 127.0.0.1 -p 11211 -U 0, then:
//
//   mtk run scripts/memcached.groovy 127.0.0.1:11211 [KEY] [VALUE]

def words = usage 'mtk run scripts/memcached.groovy HOST:PORT [KEY] [VALUE]'
def address = words[0]
def key = words.size() > 1 ? words[1] : "mtk-${System.nanoTime()}"
def value = words.size() > 2 ? words[2] : 'hello from mtk'

def mc = connect(address, framing: 'memcached', payload: 'bytes', correlate: 'header.opaque')

// magic, opcode, key length, extras length, data type, vbucket, body length, opaque, cas; then the body
def set = mc.request bin {
    u8 0x80; u8 0x01; u16 size(key); u8 8; u8 0; u16 0; u32 8 + size(key) + size(value); u32 1; u64 0
    u32 0; u32 0          // extras: flags, expiry (never)
    str key; str value
}
assert set.header.magic == 0x81 && set.header.status == 0 : "SET answered status ${set.header.status}: $set"

def get = mc.request bin { u8 0x80; u8 0x00; u16 size(key); u8 0; u8 0; u16 0; u32 size(key); u32 2; u64 0; str key }
assert get.header.status == 0 : "GET answered status ${get.header.status}: ${get.bytes.str(24)}"
// the value: after the header, the extras (flags) and the key (none in a GET reply)
def stored = get.bytes.str(24 + get.header.extlen + get.header.keylen)
assert stored == value

log "memcached $address: $key = $stored"
