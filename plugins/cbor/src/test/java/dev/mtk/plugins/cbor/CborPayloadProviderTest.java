package dev.mtk.plugins.cbor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtk.spi.Options;
import dev.mtk.spi.PayloadProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class CborPayloadProviderTest {
    private final CborPayloadProvider provider = new CborPayloadProvider();

    @Test
    void isNamedCbor() {
        assertThat(provider.name()).isEqualTo("cbor");
        assertThat(provider.description()).isEqualTo("CBOR (RFC 8949) on the wire, typed and shown as JSON");
    }

    @Test
    void takesNoOptions() {
        assertThat(provider.options()).isEmpty();
    }

    @Test
    void createsTheCborCodec() {
        assertThat(provider.create(Options.none())).isInstanceOf(CborPayloadCodec.class);
    }

    @Test
    void isListedForTheServiceLoader() {
        assertThat(ServiceLoader.load(PayloadProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(CborPayloadProvider.class);
    }
}
