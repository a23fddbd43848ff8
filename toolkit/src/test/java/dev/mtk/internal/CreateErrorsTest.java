package dev.mtk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CreateErrorsTest {

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
