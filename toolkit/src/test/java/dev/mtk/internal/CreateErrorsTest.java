package dev.mtk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.spi.Options;
import dev.mtk.spi.Provider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CreateErrorsTest {

    /** Takes {@code a} and {@code b}; counts its creations, and refuses {@code a=bad} as a provider would. */
    private static final class Counting implements Provider<String> {
        final AtomicInteger created = new AtomicInteger();
        private final List<String> options;

        Counting(List<String> options) {
            this.options = options;
        }

        @Override
        public String name() {
            return "kv";
        }

        @Override
        public List<String> options() {
            return options;
        }

        @Override
        public String create(Options given) {
            created.incrementAndGet();
            if ("bad".equals(given.get("a"))) {
                throw new IllegalArgumentException("invalid a 'bad': expected good");
            }
            return "made " + given;
        }
    }

    @Test
    void knownOptionsReachCreate() {
        Counting provider = new Counting(List.of("a", "b"));

        assertThat(CreateErrors.create("handler", provider, Options.of(Map.of("a", "1")))).isEqualTo("made a=1");
    }

    @Test
    void anUnknownOptionIsRefusedBeforeCreateNamingTheKnownOnes() {
        Counting provider = new Counting(List.of("a", "b"));

        assertThatThrownBy(() -> CreateErrors.create("handler", provider, Options.of(Map.of("bogus", "1"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("handler kv: unknown option 'bogus' (known: a, b)");
        assertThat(provider.created).hasValue(0);
    }

    @Test
    void aProviderWithoutOptionsTakesNone() {
        assertThatThrownBy(() -> CreateErrors.create("handler", new Counting(List.of()),
                Options.of(Map.of("bogus", "1"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("handler kv: unknown option 'bogus' (it takes none)");
    }

    @Test
    void aRefusalFromCreateIsNamedTheSameWay() {
        assertThatThrownBy(() -> CreateErrors.create("handler", new Counting(List.of("a")),
                Options.of(Map.of("a", "bad"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("handler kv: invalid a 'bad': expected good");
    }

    @Test
    void aRefusalIsPrefixedWithTheKindAndName() {
        IllegalArgumentException named = CreateErrors.named("handler", "kv",
                new IllegalArgumentException("unknown option 'bogus' (it takes none)"));

        assertThat(named).hasMessage("handler kv: unknown option 'bogus' (it takes none)");
    }

    @Test
    void aMessageThatNamesItsCodecAlreadyIsKept() {
        assertThat(CreateErrors.named("framing", "varint", new IllegalArgumentException("framing varint takes no options")))
                .hasMessage("framing varint takes no options");
    }

    @Test
    void anyOtherFailureBecomesOneLineNamingIt() {
        assertThat(CreateErrors.named("handler", "kv", new NullPointerException("store")))
                .hasMessage("handler kv: cannot be created: java.lang.NullPointerException: store");
    }

    @Test
    void aStackOverflowIsThePluginsAndIsNamed() {
        assertThat(CreateErrors.named("handler", "kv", new StackOverflowError()))
                .hasMessage("handler kv: cannot be created: java.lang.StackOverflowError");
    }

    @Test
    void anOutOfMemoryErrorIsRethrown() {
        OutOfMemoryError fatal = new OutOfMemoryError("heap");

        assertThatThrownBy(() -> CreateErrors.named("handler", "kv", fatal)).isSameAs(fatal);
    }
}
