// One file that is a mock, a functional test and a load profile: a user logs in, then reads a key with the token.
//
//   mtk run scripts/load-login.groovy                                        # once, as a check (exit 0 or 1)
//   mtk bench --scenario scripts/load-login.groovy --users 20 -d 10s         # 20 virtual users, each looping it
//   mtk bench --scenario scripts/load-login.groovy --arrival-rate 100 -d 10s # 100 iterations a second, open model
//   mtk bench --scenario scripts/load-login.groovy HOST:PORT ...             # a real service instead of the mock
//
// Under load, each step is timed on its own (login, read) and so is the whole iteration. server(...) starts one mock
// for the whole run, however many users call it; each iteration's connections close when it ends.

// The mock: request/reply with ids (the reply profile), a token for a login, the key back for a read.
def target = args ? args[0] : server(port: 0, profile: 'reply', correlate: '$.id') {
    onMessage { msg ->
        def request = msg.value
        if (request.op == 'login') {
            reply([id: request.id, token: "t-${request.user}".toString()])
        } else {
            reply([id: request.id, ok: request.token == "t-${request.user}".toString(), key: request.key])
        }
    }
}.port

// user (0, 1, ...) is this virtual user, iteration how many times it has run the scenario before: 0 under mtk run.
def c = connect(target, profile: 'reply', correlate: '$.id')

def token = step('login') {
    c.request([id: 1, op: 'login', user: user]).value.token
}
pause '20ms'   // think time: part of the iteration's time, not of a step's

step('read') {
    def reply = c.request([id: 2, op: 'get', user: user, token: token, key: "k-${iteration}".toString()]).value
    assert reply.ok && reply.key == "k-${iteration}"
}
