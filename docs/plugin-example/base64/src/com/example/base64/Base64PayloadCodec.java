package com.example.base64;

import dev.mtk.spi.Options;
import dev.mtk.spi.PayloadCodec;
import dev.mtk.spi.PayloadException;
import dev.mtk.spi.PayloadProvider;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Bodies that are Base64 text on the wire, typed and shown as the text they carry; stateless, its own provider. */
public final class Base64PayloadCodec implements PayloadProvider, PayloadCodec {
    @Override public String name() { return "base64"; }
    @Override public String description() { return "UTF-8 text, Base64-encoded on the wire"; }
    @Override public PayloadCodec create(Options options) { return this; }

    /** What the user types goes on the wire encoded. */
    @Override public byte[] parse(String text) { return Base64.getEncoder().encode(text.getBytes(StandardCharsets.UTF_8)); }

    /** The acknowledgement and confirmation too. */
    @Override public byte[] string(String value) { return parse(value); }

    @Override
    public Object decode(byte[] body) throws PayloadException {
        try {
            return new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new PayloadException("invalid Base64: " + e.getMessage());
        }
    }

    @Override
    public String render(byte[] body) {
        try {
            return (String) decode(body);
        } catch (PayloadException e) {
            return e.getMessage();
        }
    }
}
