package dev.mtk.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.bench.shard.Shard;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BenchConfigTest {
    private static BenchConfig.Builder load() {
        return BenchConfig.builder("127.0.0.1", 7373).connections(10).messages(100).rate(900);
    }

    @Test
    void theShardsConnectionsAddUpToTheWholeLoad() {
        int[] shares = IntStream.range(0, 3).map(i -> load().shard(Shard.of(i, 3)).build().connections()).toArray();

        assertThat(shares).containsExactly(4, 3, 3);
    }

    @Test
    void aShardLoadsAtItsShareOfTheRate() {
        assertThat(load().shard(Shard.of(2, 3)).build().rate()).isEqualTo(300.0);
    }

    @Test
    void aShardSendsTheMessagesPerConnectionOfTheWholeLoad() {
        assertThat(load().shard(Shard.of(1, 3)).build().messages()).isEqualTo(100);
    }

    @Test
    void aShardWithoutConnectionsIsRefusedNamingIt() {
        assertThatThrownBy(() -> load().connections(2).shard(Shard.of(2, 3)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--shard 2/3 gets none of the 2 connections: shared by 3 shards, it needs --connections 3 "
                        + "or more");
    }

    @Test
    void withoutAShardTheRunIsTheWholeLoad() {
        BenchConfig config = load().build();

        assertThat(config.shard()).isEqualTo(Shard.WHOLE);
        assertThat(config.connections()).isEqualTo(10);
        assertThat(config.rate()).isEqualTo(900.0);
    }
}
