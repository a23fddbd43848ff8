package dev.mtk.bench.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShardTest {
    @Test
    void sharesAddUpToTheTotal() {
        for (int n = 1; n <= 7; n++) {
            for (long total : new long[] {0, 1, 5, 100, 2001}) {
                long sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += Shard.of(i, n).share(total);
                }
                assertThat(sum).as("%d over %d shards", total, n).isEqualTo(total);
            }
        }
    }

    @Test
    void blocksFollowEachOtherWithoutGapOrOverlap() {
        long total = 10;
        long next = 0;
        for (int i = 0; i < 3; i++) {
            Shard shard = Shard.of(i, 3);
            assertThat(shard.first(total)).isEqualTo(next);
            next += shard.share(total);
        }
        assertThat(next).isEqualTo(total);
    }

    @Test
    void ownsEveryNthItem() {
        Shard shard = Shard.parse("1/3");

        assertThat(shard.owns(1)).isTrue();
        assertThat(shard.owns(4)).isTrue();
        assertThat(shard.owns(2)).isFalse();
    }

    @Test
    void parsesIndexOverCount() {
        assertThat(Shard.parse("2/3")).isEqualTo(Shard.of(2, 3));
        assertThat(Shard.parse("2/3").share(90.0)).isEqualTo(30.0);
    }

    @Test
    void refusesAnIndexOutOfRange() {
        assertThatThrownBy(() -> Shard.parse("3/3")).hasMessage("--shard 3/3: the index must be 0 to 2 (0 <= I < N)");
    }

    @Test
    void refusesTextThatIsNotAShard() {
        assertThatThrownBy(() -> Shard.parse("one")).hasMessageContaining("--shard must be I/N");
    }
}
