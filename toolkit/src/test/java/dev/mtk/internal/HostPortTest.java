package dev.mtk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostPortTest {
    private static final String LOOPBACK = "127.0.0.1";

    @Test
    void hostAndPortAreSplitAtTheLastColon() {
        assertThat(HostPort.parse("example.org:7373", LOOPBACK, false)).contains(new HostPort("example.org", 7373));
    }

    @Test
    void aPortAloneIsOnTheDefaultHost() {
        assertThat(HostPort.parse(" 7373 ", LOOPBACK, false)).contains(new HostPort(LOOPBACK, 7373));
    }

    @Test
    void anIpv6HostLosesItsBrackets() {
        assertThat(HostPort.parse("[::1]:7373", LOOPBACK, false)).contains(new HostPort("::1", 7373));
    }

    @Test
    void portZeroOnlyWhereAllowed() {
        assertThat(HostPort.parse("0", LOOPBACK, true)).contains(new HostPort(LOOPBACK, 0));
        assertThat(HostPort.parse("0", LOOPBACK, false)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:65536", "localhost:-1", "localhost:http", "localhost:", "nowhere", ""})
    void aPortOutOfRangeOrNotANumberIsNoAddress(String text) {
        assertThat(HostPort.parse(text, LOOPBACK, true)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {":7373", "[]:7373"})
    void anEmptyHostIsNoAddress(String text) {
        assertThat(HostPort.parse(text, LOOPBACK, false)).isEmpty();
    }

    @Test
    void toStringBracketsAnIpv6HostSoThatThePortStaysApart() {
        assertThat(new HostPort("::1", 7373)).hasToString("[::1]:7373");
        assertThat(new HostPort("127.0.0.1", 7373)).hasToString("127.0.0.1:7373");
    }
}
