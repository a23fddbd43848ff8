package dev.mtk.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.spi.FrameLimits;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClientConfigTest {

    @Test
    void ofAProfileWaitsFiveSecondsToConnectWithOneIoThreadPerCoreInPlainTcp() {
        ClientConfig config = ClientConfig.of(Profile.json());

        assertThat(config.limits()).isEqualTo(FrameLimits.DEFAULT);
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.ioThreads()).isZero();
        assertThat(config.tls()).isNull();
    }

    @Test
    void aBuilderWithoutAProfileRefusesToBuild() {
        assertThatThrownBy(() -> ClientConfig.builder().ioThreads(1).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a client needs a profile: ClientConfig.builder().profile(...)");
    }

    @Test
    void newBuilderCopiesEverySettingAndLeavesTheOriginalAlone() {
        ClientConfig original = ClientConfig.builder().profile(Profile.seed()).limits(new FrameLimits(64, true))
                .connectTimeout(Duration.ofMillis(250)).ioThreads(2).tls(TlsSettings.client()).build();

        ClientConfig changed = original.newBuilder().ioThreads(3).build();

        assertThat(changed).isNotEqualTo(original);
        assertThat(changed.newBuilder().ioThreads(2).build()).isEqualTo(original);
        assertThat(original.ioThreads()).isEqualTo(2);
    }

    @Test
    void aConnectTimeoutThatIsNotPositiveIsRefusedWithItsValue() {
        assertThatThrownBy(() -> ClientConfig.builder().connectTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("connect timeout must be positive: PT0S");
        assertThatThrownBy(() -> ClientConfig.builder().connectTimeout(Duration.ofSeconds(-1)))
                .hasMessage("connect timeout must be positive: PT-1S");
    }

    @Test
    void negativeIoThreadsAreRefusedWithTheirValue() {
        assertThatThrownBy(() -> ClientConfig.builder().ioThreads(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("I/O threads must not be negative: -1");
    }

    @Test
    void aMissingValueIsRefusedByName() {
        ClientConfig.Builder builder = ClientConfig.builder();

        assertThatThrownBy(() -> builder.profile(null)).isInstanceOf(NullPointerException.class).hasMessage("profile");
        assertThatThrownBy(() -> builder.limits(null)).hasMessage("limits");
        assertThatThrownBy(() -> builder.connectTimeout(null)).hasMessage("connectTimeout");
    }

    @Test
    void toStringSaysTlsIsOnWithoutItsPasswords() {
        ClientConfig config = ClientConfig.builder().profile(Profile.json())
                .tls(new TlsSettings(Path.of("client.p12"), "secret", null, null, false, null)).build();

        assertThat(config.toString()).endsWith(", tls").doesNotContain("secret");
    }
}
