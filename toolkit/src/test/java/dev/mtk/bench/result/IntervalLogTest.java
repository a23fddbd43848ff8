package dev.mtk.bench.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntervalLogTest {
    private static final Instant START = Instant.parse("2026-12-01T23:00:00Z");

    @TempDir
    Path dir;

    private static Histogram latencies(long... nanos) {
        Histogram histogram = new Histogram(Timing.DIGITS);
        for (long value : nanos) {
            histogram.recordValue(value);
        }
        return histogram;
    }

    private List<Histogram> readBack(Path file) throws FileNotFoundException {
        HistogramLogReader reader = new HistogramLogReader(file.toFile());
        List<Histogram> read = new ArrayList<>();
        for (Histogram next = (Histogram) reader.nextIntervalHistogram(); next != null;
                next = (Histogram) reader.nextIntervalHistogram()) {
            read.add(next);
        }
        return read;
    }

    @Test
    void hdrHistogramsOwnReaderReadsEachTaggedIntervalBack() throws Exception {
        Path file = dir.resolve("run.hlog");
        try (IntervalLog log = IntervalLog.open(file, START)) {
            log.write("login", latencies(1_000_000, 2_000_000), START, START.plusSeconds(1));
            log.write("iteration", latencies(5_000_000), START, START.plusSeconds(1));
            log.write("login", latencies(3_000_000), START.plusSeconds(1), START.plusSeconds(2));
        }

        List<Histogram> read = readBack(file);

        assertThat(read).extracting(Histogram::getTag).containsExactly("login", "iteration", "login");
        assertThat(read).extracting(Histogram::getTotalCount).containsExactly(2L, 1L, 1L);
        assertThat(read.get(2).getStartTimeStamp()).isEqualTo(START.plusSeconds(1).toEpochMilli());
        assertThat(read.get(2).getEndTimeStamp()).isEqualTo(START.plusSeconds(2).toEpochMilli());
    }

    @Test
    void theHeaderGivesTheStartAsStartAndBaseTime() throws Exception {
        Path file = dir.resolve("run.hlog");
        try (IntervalLog log = IntervalLog.open(file, START)) {
            log.write("request", latencies(1_000), START.plusMillis(1500), START.plusMillis(2500));
        }

        assertThat(Files.readString(file)).contains("#[StartTime: " + START.getEpochSecond() + ".000")
                .contains("#[BaseTime: " + START.getEpochSecond() + ".000")
                .containsPattern("(?m)^Tag=request,1\\.500,1\\.000,0\\.001,");
    }

    @Test
    void writingLeavesTheCallersHistogramUntagged() throws Exception {
        Histogram interval = latencies(1_000);
        try (IntervalLog log = IntervalLog.open(dir.resolve("run.hlog"), START)) {
            log.write("request", interval, START, START.plusSeconds(1));
        }

        assertThat(interval.getTag()).isNull();
    }
}
