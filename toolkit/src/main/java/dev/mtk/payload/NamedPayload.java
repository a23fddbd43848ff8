package dev.mtk.payload;

import dev.mtk.spi.Options;
import dev.mtk.spi.PayloadCodec;
import dev.mtk.spi.PayloadException;
import java.util.List;
import java.util.Objects;

/**
 * A payload codec as a user chose it: the codec a {@link dev.mtk.spi.PayloadProvider} created, with the provider's
 * name and the options it was given. The SPI's codecs have no name of their own (their provider has), and the
 * toolkit's banners, prompts and recordings name the payload; so profiles and sessions hold this.
 */
public final class NamedPayload implements PayloadCodec {
    private final String name;
    private final Options options;
    private final PayloadCodec codec;

    private NamedPayload(String name, Options options, PayloadCodec codec) {
        this.name = Objects.requireNonNull(name, "name");
        this.options = Objects.requireNonNull(options, "options");
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /** {@code codec}, chosen as {@code name} with no options. */
    public static NamedPayload of(String name, PayloadCodec codec) {
        return of(name, Options.none(), codec);
    }

    /** {@code codec}, chosen as {@code name} with {@code options}. */
    public static NamedPayload of(String name, Options options, PayloadCodec codec) {
        return codec instanceof NamedPayload named ? of(name, options, named.codec)
                : new NamedPayload(name, options, codec);
    }

    /** The name it was chosen by, e.g. {@code json}. */
    public String name() {
        return name;
    }

    /** The codec itself, to tell built-in kinds apart ({@code codec() instanceof JsonPayloadCodec}). */
    public PayloadCodec codec() {
        return codec;
    }

    @Override
    public byte[] parse(String text) throws PayloadException {
        return codec.parse(text);
    }

    @Override
    public byte[] encode(Object value) throws PayloadException {
        return codec.encode(value);
    }

    @Override
    public byte[] string(String value) {
        return codec.string(value);
    }

    @Override
    public Object decode(byte[] body) throws PayloadException {
        return codec.decode(body);
    }

    @Override
    public void validate(byte[] body) throws PayloadException {
        codec.validate(body);
    }

    @Override
    public Object field(byte[] body, List<Object> path) throws PayloadException {
        return codec.field(body, path);
    }

    @Override
    public String render(byte[] body) {
        return codec.render(body);
    }

    /** As users write it: {@code cbor}, or {@code cbor:key=value}. */
    @Override
    public String toString() {
        return options.asMap().isEmpty() ? name : name + ":" + options;
    }
}
