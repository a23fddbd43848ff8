package dev.mtk.session;

import dev.mtk.spi.Handler;
import dev.mtk.spi.HandlerProvider;
import dev.mtk.spi.Options;

/** {@code seed}: the seed's exchange, the server's default handler. */
public final class SeedHandlerProvider implements HandlerProvider {

    @Override
    public String name() {
        return "seed";
    }

    @Override
    public String description() {
        return "the seed's exchange: acknowledge each message with 我收到了, read the ok (the default)";
    }

    @Override
    public Handler create(Options options) {
        return new SeedHandler();
    }
}
