package dev.mtk.record;

import dev.mtk.payload.NamedPayload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.mtk.payload.BytesPayloadCodec;
import dev.mtk.plugin.Registry;
import dev.mtk.session.Profile;
import dev.mtk.wire.LengthFieldEncoder;
import dev.mtk.wire.LengthFieldFormat;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingTest {
    private static final RecordingHeader HEADER = new RecordingHeader(1, "2026-11-25T18:00:00Z", "json", "headers", "json",
            "127.0.0.1:7474", "127.0.0.1:7373");

    @TempDir
    Path dir;

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** What a recorder writes for {@code units} (connection 1, client to server, at 1.5 ms). */
    private static String record(Profile profile, WireUnit... units) throws Exception {
        StringWriter out = new StringWriter();
        try (Recorder recorder = new Recorder(new RecordingWriter(out, HEADER), profile, 0)) {
            for (WireUnit unit : units) {
                recorder.unit(1, Direction.CLIENT_TO_SERVER, unit, 1_500_000);
            }
        }
        return out.toString();
    }

    private static String secondLine(String text) {
        return text.split("\n")[1];
    }

    @Test
    void theHeaderNamesTheFormatAndItsVersion() throws Exception {
        String text = record(Profile.json());

        assertThat(text).startsWith("{\"format\":\"mtk-recording\",\"version\":1,\"started\":\"2026-11-25T18:00:00Z\","
                + "\"profile\":\"json\",\"framing\":\"headers\",\"payload\":\"json\",\"listen\":\"127.0.0.1:7474\","
                + "\"target\":\"127.0.0.1:7373\"}\n");
    }

    @Test
    void theHeaderCarriesTheExchangeAndTheCorrelationBackAndForth() throws Exception {
        StringWriter out = new StringWriter();
        new RecordingWriter(out, new RecordingHeader(1, "2026-11-25T18:00:00Z", "reply", "length-field:width=4", "json",
                "127.0.0.1:7474", "127.0.0.1:7373", "reply", "$.id")).close();

        RecordingHeader header = Recording.read(Files.writeString(dir.resolve("rec.jsonl"), out.toString())).header();

        assertThat(out.toString()).contains(",\"exchange\":\"reply\",\"correlate\":\"$.id\"}");
        assertThat(header.exchange()).isEqualTo("reply");
        assertThat(header.correlate()).isEqualTo("$.id");
    }

    @Test
    void aRecordingWithoutExchangeAndCorrelationStillLoads() throws Exception {
        RecordingHeader header = Recording.read(Files.writeString(dir.resolve("rec.jsonl"), record(Profile.json())))
                .header();

        assertThat(header.exchange()).isNull();
        assertThat(header.correlate()).isNull();
    }

    @Test
    void aJsonBodyIsWrittenAsJsonAlone() throws Exception {
        byte[] body = utf8("{\"n\":1,\"s\":\"我\"}");

        String text = record(Profile.json(), WireUnit.frame(new LengthFieldEncoder(LengthFieldFormat.HEADERS).frame(body), body));

        assertThat(secondLine(text)).isEqualTo("{\"ms\":1.500,\"conn\":1,\"event\":\"frame\",\"dir\":\"c2s\",\"framing\":\"headers\","
                + "\"payload\":\"json\",\"size\":28,\"json\":{\"n\":1,\"s\":\"我\"}}");
    }

    @Test
    void jsonThatWouldNotGiveTheBytesBackKeepsTheBytesToo() throws Exception {
        byte[] body = utf8("{ \"n\" : 1 }");

        String text = record(Profile.json(), WireUnit.frame(new LengthFieldEncoder(LengthFieldFormat.HEADERS).frame(body), body));

        assertThat(secondLine(text)).contains("\"json\":{\"n\":1},\"base64\":\"eyAibiIgOiAxIH0=\"");
    }

    @Test
    void aBodyThatIsNotJsonIsBase64() throws Exception {
        Profile bytes = Profile.json().withPayload(NamedPayload.of("bytes", new BytesPayloadCodec()));
        byte[] body = {0, 1, 2};

        String text = record(bytes, WireUnit.frame(new LengthFieldEncoder(LengthFieldFormat.HEADERS).frame(body), body));

        assertThat(secondLine(text)).endsWith("\"payload\":\"bytes\",\"size\":14,\"base64\":\"AAEC\"}");
    }

    @Test
    void aHeaderTheFramingWouldNotWriteIsKeptWhole() throws Exception {
        Profile odd = Profile.json().withFraming(Registry.builtIn().framingSpec("length-field:offset=2,width=2"));
        byte[] wire = {9, 9, 0, 2, '[', ']'};

        String text = record(odd, WireUnit.frame(wire, utf8("[]")));

        assertThat(secondLine(text)).endsWith("\"json\":[],\"wire\":\"CQkAAltd\"}");
    }

    @Test
    void whatIsWrittenReadsBackAsTheSameEventsAndBytes() throws Exception {
        Path file = dir.resolve("rec.jsonl");
        Profile profile = Profile.json();
        byte[] body = utf8("{\"n\":1}");
        byte[] frame = new LengthFieldEncoder(LengthFieldFormat.HEADERS).frame(body);
        try (Recorder recorder = new Recorder(new RecordingWriter(Files.newBufferedWriter(file), HEADER), profile, 0)) {
            recorder.opened(1, "127.0.0.1:5000", 1_000);
            recorder.unit(1, Direction.CLIENT_TO_SERVER, WireUnit.garbage(utf8("junk")), 2_000);
            recorder.unit(1, Direction.CLIENT_TO_SERVER, WireUnit.frame(frame, body), 3_000);
            recorder.unit(1, Direction.SERVER_TO_CLIENT, WireUnit.undecodable("bad"), 4_000);
            recorder.closed(1, "server", null, 5_000);
        }

        Recording recording = Recording.read(file);

        assertThat(recording.header()).isEqualTo(HEADER);
        List<Recorded> events = recording.events();
        assertThat(events).hasSize(5);
        assertThat(events.get(0)).isEqualTo(new Recorded.Open(0.001, 1, "127.0.0.1:5000"));
        assertThat(((Recorded.Unit) events.get(1)).wire(profile)).isEqualTo(utf8("junk"));
        Recorded.Unit unit = (Recorded.Unit) events.get(2);
        assertThat(unit.json()).hasToString("{\"n\":1}");
        assertThat(unit.wire(profile)).isEqualTo(frame);
        assertThat(events.get(3)).isEqualTo(new Recorded.Undecodable(0.004, 1, Direction.SERVER_TO_CLIENT, "bad"));
        assertThat(events.get(4)).isEqualTo(new Recorded.Close(0.005, 1, "server", null));
    }

    @Test
    void anUnframedUnitIsItsText() throws Exception {
        String text = record(Profile.seed(), WireUnit.raw(utf8("ok")));

        assertThat(secondLine(text)).endsWith("\"framing\":\"none\",\"payload\":\"text\",\"size\":2,\"json\":\"ok\"}");
        assertThat(new Recorded.Unit(0, 1, Direction.CLIENT_TO_SERVER, WireUnit.Kind.RAW, "none", "text", 2,
                TextNode.valueOf("ok"), null, null).wire(Profile.seed())).isEqualTo(utf8("ok"));
    }

    @Test
    void anotherVersionIsRefusedNamingTheVersions() throws Exception {
        Path file = Files.writeString(dir.resolve("v2.jsonl"), "{\"format\":\"mtk-recording\",\"version\":2}\n");

        assertThatThrownBy(() -> Recording.read(file)).isInstanceOf(RecordingException.class)
                .hasMessage(file + ":1: recording format version 2 is not supported (this mtk reads version 1)");
    }

    @Test
    void aBrokenLineIsNamedByNumber() throws Exception {
        Path file = Files.writeString(dir.resolve("broken.jsonl"), record(Profile.json()) + "{\"ms\":1,\"conn\":1,\"event\":\"frame\"\n");

        assertThatThrownBy(() -> Recording.read(file)).isInstanceOf(RecordingException.class)
                .hasMessageStartingWith(file + ":2: invalid JSON: ");
    }

    @Test
    void anEventQueuedAfterAnotherButTimedBeforeItTakesItsTime() throws Exception {
        Path file = dir.resolve("rec.jsonl");
        try (Recorder recorder = new Recorder(new RecordingWriter(Files.newBufferedWriter(file), HEADER),
                Profile.json(), 0)) {
            recorder.opened(1, "127.0.0.1:50000", 2_000_000);
            recorder.closed(1, "client", null, 1_999_000);
            recorder.opened(2, "127.0.0.1:50001", 3_000_000);
        }

        assertThat(Recording.read(file).events()).extracting(Recorded::ms).containsExactly(2.0, 2.0, 3.0);
    }
}
