package dev.mtk.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.session.Profile;
import dev.mtk.session.SessionLimits;
import dev.mtk.spi.FrameLimits;
import org.junit.jupiter.api.Test;

class ProxyConfigTest {

    @Test
    void aBuilderGivenATargetAndAProfileListensOnAFreeLoopbackPortAndNeverIdles() {
        ProxyConfig config = ProxyConfig.builder().target("10.0.0.7", 7373).profile(Profile.json()).build();

        assertThat(config.listenHost()).isEqualTo("127.0.0.1");
        assertThat(config.listenPort()).isZero();
        assertThat(config.target()).isEqualTo("10.0.0.7:7373");
        assertThat(config.limits()).isEqualTo(FrameLimits.DEFAULT);
        assertThat(config.ioThreads()).isZero();
        assertThat(config.idleSeconds()).isZero();
        assertThat(config.sessions()).isEqualTo(SessionLimits.DEFAULT);
    }

    @Test
    void aBuilderWithoutATargetRefusesToBuild() {
        assertThatThrownBy(() -> ProxyConfig.builder().profile(Profile.json()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a proxy needs a target: ProxyConfig.builder().target(host, port)");
    }

    @Test
    void aBuilderWithoutAProfileRefusesToBuild() {
        assertThatThrownBy(() -> ProxyConfig.builder().target("127.0.0.1", 7373).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a proxy needs a profile: ProxyConfig.builder().profile(...)");
    }

    @Test
    void loopbackForwardsToTheGivenPortOnLoopbackWithTheDefaults() {
        Profile reply = Profile.reply();

        assertThat(ProxyConfig.loopback(7474, 7373, reply))
                .isEqualTo(ProxyConfig.builder().listenPort(7474).target("127.0.0.1", 7373).profile(reply).build());
    }

    @Test
    void newBuilderCopiesEverySettingAndLeavesTheOriginalAlone() {
        ProxyConfig original = ProxyConfig.builder().listenHost("0.0.0.0").listenPort(20001).target("10.0.0.7", 7373)
                .profile(Profile.json()).limits(new FrameLimits(64, true)).ioThreads(3).idleSeconds(9)
                .sessions(SessionLimits.builder().maxConnections(5).build()).build();

        ProxyConfig changed = original.newBuilder().listenPort(20002).build();

        assertThat(changed).isNotEqualTo(original);
        assertThat(changed.newBuilder().listenPort(20001).build()).isEqualTo(original).hasSameHashCodeAs(original);
        assertThat(original.listenPort()).isEqualTo(20001);
    }

    @Test
    void aListenPortOutsideTheTcpRangeIsRefusedWithItsValue() {
        assertThatThrownBy(() -> ProxyConfig.builder().listenPort(65536))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("listen port must be between 0 and 65535: 65536");
    }

    @Test
    void aTargetPortOfZeroIsRefused() {
        assertThatThrownBy(() -> ProxyConfig.builder().target("127.0.0.1", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("target port must be between 1 and 65535: 0");
    }

    @Test
    void negativeIoThreadsAndIdleSecondsAreRefusedWithTheirValue() {
        assertThatThrownBy(() -> ProxyConfig.builder().ioThreads(-1))
                .hasMessage("I/O threads must not be negative: -1");
        assertThatThrownBy(() -> ProxyConfig.builder().idleSeconds(-5))
                .hasMessage("idle seconds must not be negative: -5");
    }

    @Test
    void aMissingValueIsRefusedByName() {
        ProxyConfig.Builder builder = ProxyConfig.builder();

        assertThatThrownBy(() -> builder.listenHost(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("listenHost");
        assertThatThrownBy(() -> builder.target(null, 7373)).hasMessage("targetHost");
        assertThatThrownBy(() -> builder.profile(null)).hasMessage("profile");
        assertThatThrownBy(() -> builder.limits(null)).hasMessage("limits");
        assertThatThrownBy(() -> builder.sessions(null)).hasMessage("sessions");
    }

    @Test
    void toStringNamesBothEnds() {
        ProxyConfig config = ProxyConfig.loopback(7474, 7373, Profile.json());

        assertThat(config.toString()).startsWith("127.0.0.1:7474 to 127.0.0.1:7373, profile ");
    }
}
