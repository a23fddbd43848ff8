package dev.mtk.plugins.kv;

import dev.mtk.spi.Received;
import java.nio.charset.StandardCharsets;

/** A received message whose value is given, as the JSON codec would decode it. */
record Request(Object value) implements Received {

    static Request of(Object value) {
        return new Request(value);
    }

    @Override
    public byte[] body() {
        return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String text() {
        return String.valueOf(value);
    }

    @Override
    public boolean framed() {
        return true;
    }

    @Override
    public int wireSize() {
        return body().length + 11;
    }

    @Override
    public String render() {
        return text();
    }
}
