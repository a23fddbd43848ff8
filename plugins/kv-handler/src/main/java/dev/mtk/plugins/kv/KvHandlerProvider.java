package dev.mtk.plugins.kv;

import dev.mtk.spi.Handler;
import dev.mtk.spi.HandlerProvider;
import dev.mtk.spi.Options;

/** {@code kv}: creates the key/value store handler; it takes no options. */
public final class KvHandlerProvider implements HandlerProvider {

    @Override
    public String name() {
        return "kv";
    }

    @Override
    public String description() {
        return "a JSON key/value store: put, get, delete, stats (the protocol of scripts/kv-server.groovy)";
    }

    @Override
    public Handler create(Options options) {
        return new KvHandler();
    }
}
