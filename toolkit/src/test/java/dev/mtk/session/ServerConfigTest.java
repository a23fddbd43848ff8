package dev.mtk.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.spi.FrameLimits;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

    @Test
    void aBuilderGivenOnlyAProfileListensOnTheDefaultsPlainAndNeverIdle() {
        ServerConfig config = ServerConfig.builder().profile(Profile.json()).build();

        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(7373);
        assertThat(config.limits()).isEqualTo(FrameLimits.DEFAULT);
        assertThat(config.ioThreads()).isZero();
        assertThat(config.idleSeconds()).isZero();
        assertThat(config.tuning()).isEqualTo(SocketTuning.DEFAULT);
        assertThat(config.sessions()).isEqualTo(SessionLimits.DEFAULT);
        assertThat(config.tls()).isNull();
    }

    @Test
    void aBuilderWithoutAProfileRefusesToBuild() {
        assertThatThrownBy(() -> ServerConfig.builder().port(0).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a server needs a profile: ServerConfig.builder().profile(...)");
    }

    @Test
    void loopbackIsTheDefaultsOnTheGivenPortAndProfile() {
        Profile reply = Profile.reply();

        assertThat(ServerConfig.loopback(0, reply)).isEqualTo(ServerConfig.builder().port(0).profile(reply).build());
    }

    @Test
    void newBuilderCopiesEverySettingAndLeavesTheOriginalAlone() {
        TlsSettings tls = new TlsSettings(Path.of("server.p12"), "secret", null, null, false, null);
        ServerConfig original = ServerConfig.builder().host("0.0.0.0").port(20001).profile(Profile.json())
                .limits(new FrameLimits(64, true)).ioThreads(3).idleSeconds(9)
                .tuning(new SocketTuning(false, 4096, 4096, 1024))
                .sessions(SessionLimits.builder().maxConnections(5).build()).tls(tls).build();

        ServerConfig changed = original.newBuilder().port(20002).build();

        assertThat(changed).isNotEqualTo(original);
        assertThat(changed.newBuilder().port(20001).build()).isEqualTo(original);
        assertThat(original.port()).isEqualTo(20001);
    }

    @Test
    void aPortOutsideTheTcpRangeIsRefusedWithItsValue() {
        assertThatThrownBy(() -> ServerConfig.builder().port(65536))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port must be between 0 and 65535: 65536");
        assertThatThrownBy(() -> ServerConfig.builder().port(-1))
                .hasMessage("port must be between 0 and 65535: -1");
    }

    @Test
    void negativeIoThreadsAreRefusedWithTheirValue() {
        assertThatThrownBy(() -> ServerConfig.builder().ioThreads(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("I/O threads must not be negative: -1");
    }

    @Test
    void negativeIdleSecondsAreRefusedWithTheirValue() {
        assertThatThrownBy(() -> ServerConfig.builder().idleSeconds(-5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("idle seconds must not be negative: -5");
    }

    @Test
    void aMissingValueIsRefusedByName() {
        ServerConfig.Builder builder = ServerConfig.builder();

        assertThatThrownBy(() -> builder.host(null)).isInstanceOf(NullPointerException.class).hasMessage("host");
        assertThatThrownBy(() -> builder.profile(null)).hasMessage("profile");
        assertThatThrownBy(() -> builder.limits(null)).hasMessage("limits");
        assertThatThrownBy(() -> builder.tuning(null)).hasMessage("tuning");
        assertThatThrownBy(() -> builder.sessions(null)).hasMessage("sessions");
    }

    @Test
    void toStringSaysTlsIsOnWithoutItsPasswords() {
        ServerConfig config = ServerConfig.builder().profile(Profile.json())
                .tls(new TlsSettings(Path.of("server.p12"), "secret", null, null, false, null)).build();

        assertThat(config.toString()).endsWith(", tls").doesNotContain("secret");
    }
}
