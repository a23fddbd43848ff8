// The training run behind cache/mtk.jsa, the class-data sharing archive that bin/mtk makes once in the background
// (see bin/mtk): the classes this run loads are mapped ready-made by every later start, instead of being read from
// the jars, verified and linked again. So it does what most commands do: a server, a client, the json and reply
// profiles, and this script itself (Groovy's compiler being the largest part).
['json', 'reply'].each { profile ->
    def srv = server(port: 0, profile: profile)
    def client = connect(port: srv.port, profile: profile)
    if (profile == 'reply') {
        assert client.request([id: 1]).value.id == 1
    } else {
        assert client.exchange([id: 1]).value == '我收到了'
    }
    client.close()
    srv.close()
}
