package dev.mtk.replay;

import dev.mtk.payload.JsonPath;
import dev.mtk.payload.NamedPayload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mtk.payload.BytesPayloadCodec;
import dev.mtk.record.Recording;
import dev.mtk.session.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroovyExportTest {
    @TempDir
    Path dir;

    private Recording recording(String profile, String payload, String... events) throws Exception {
        StringBuilder text = new StringBuilder("{\"format\":\"mtk-recording\",\"version\":1,\"started\":\"2026-11-25T00:00:00Z\","
                + "\"profile\":\"" + profile + "\",\"framing\":\"headers\",\"payload\":\"" + payload
                + "\",\"listen\":\"127.0.0.1:7474\",\"target\":\"127.0.0.1:7373\"}\n");
        text.append("{\"ms\":0,\"conn\":1,\"event\":\"open\",\"client\":\"127.0.0.1:5000\"}\n");
        for (String event : events) {
            text.append("{\"ms\":").append(event).append("}\n");
        }
        return Recording.read(Files.writeString(dir.resolve("rec.jsonl"), text));
    }

    private static String frame(String dir, String body) {
        return "1,\"conn\":1,\"event\":\"frame\",\"dir\":\"" + dir + "\",\"size\":1," + body;
    }

    private static List<String> body(String script) {
        List<String> lines = List.of(script.split("\n"));
        return lines.subList(lines.indexOf("def c1 = connect(speak + [host: host, port: port])") + 1, lines.size());
    }

    private static ReplayOptions fast(String... ignore) {
        return new ReplayOptions(0, Duration.ofSeconds(5), java.util.Arrays.stream(ignore).map(JsonPath::parse).toList());
    }

    @Test
    void jsonMessagesAreWrittenAsGroovyValuesAndTheConfirmationAsConfirm() throws Exception {
        Recording recording = recording("json", "json",
                frame("c2s", "\"json\":{\"n\":1,\"a key\":[true,null,1.5],\"class\":\"it's $x\"}"),
                frame("s2c", "\"json\":\"我收到了\""),
                frame("c2s", "\"json\":\"ok\""),
                frame("c2s", "\"json\":\"hello\""),
                "2,\"conn\":1,\"event\":\"close\",\"by\":\"client\"");

        String script = GroovyExport.script(recording, Profile.json(), fast(), "rec.jsonl");

        assertThat(script).startsWith("// Made by mtk replay from rec.jsonl: 1 connection recorded from 2026-11-25T00:00:00Z,")
                .contains("def target = args ? args[0] : '127.0.0.1:7373'",
                        "def speak = [profile: 'json', framing: 'headers', payload: 'json', exchange: 'seed']");
        assertThat(body(script)).containsExactly(
                "c1.send([n: 1, 'a key': [true, null, 1.5], 'class': 'it\\'s $x'])",
                "c1.expect(value: '我收到了')",
                "c1.confirm()",
                "c1.send('\"hello\"')",
                "c1.close()");
    }

    @Test
    void theSeedProfilesUnframedHandshakeIsTextAndConfirm() throws Exception {
        Recording recording = recording("seed", "text",
                frame("c2s", "\"json\":\"hello\""),
                "1,\"conn\":1,\"event\":\"raw\",\"dir\":\"s2c\",\"size\":12,\"json\":\"我收到了\"",
                "1,\"conn\":1,\"event\":\"raw\",\"dir\":\"c2s\",\"size\":2,\"json\":\"ok\"",
                "1,\"conn\":1,\"event\":\"close\",\"by\":\"server\"");

        String script = GroovyExport.script(recording, Profile.seed(), fast(), "rec.jsonl");

        assertThat(body(script)).containsExactly("c1.send('hello')", "c1.expect(text: '我收到了')", "c1.confirm()",
                "// the server closed connection 1 here", "c1.close()");
    }

    @Test
    void bytesThatNoLiteralGivesBackAreSentAsBytesBesideWhatTheyHold() throws Exception {
        Recording recording = recording("json", "bytes",
                "1,\"conn\":1,\"event\":\"garbage\",\"dir\":\"c2s\",\"size\":4,\"base64\":\"anVuaw==\"",
                frame("c2s", "\"base64\":\"AAE=\""),
                frame("c2s", "\"json\":{\"n\":1},\"base64\":\"eyAibiI6MX0=\""),
                frame("s2c", "\"base64\":\"AAI=\""));

        String script = GroovyExport.script(recording, Profile.json().withPayload(NamedPayload.of("bytes", new BytesPayloadCodec())), fast(), "r");

        assertThat(body(script)).containsExactly(
                "c1.sendRaw('anVuaw=='.decodeBase64())          // 4 B of garbage: text junk",
                "c1.send('AAE='.decodeBase64())          // hex 00 01",
                "c1.send('eyAibiI6MX0='.decodeBase64())          // text { \"n\":1}",
                "c1.expect { it.body == 'AAI='.decodeBase64() }          // hex 00 02");
    }

    @Test
    void withACorrelationARequestAnsweredNextIsARequestAndAnotherAwaitsItsReplyById() throws Exception {
        Recording recording = recording("reply", "json",
                frame("c2s", "\"json\":{\"id\":1}"),
                frame("s2c", "\"json\":{\"id\":1,\"ok\":true}"),
                frame("c2s", "\"json\":{\"id\":2}"),
                frame("c2s", "\"json\":{\"id\":3}"),
                frame("s2c", "\"json\":{\"id\":3,\"ok\":true}"),
                frame("s2c", "\"json\":{\"id\":2,\"ok\":true}"));
        Profile correlated = Profile.reply().withCorrelation(dev.mtk.exchange.Correlation.parse("$.id"));

        String script = GroovyExport.script(recording, correlated, fast(), "rec.jsonl");

        assertThat(script).contains("def speak = [profile: 'reply', framing: 'length-field:width=4', payload: 'json', "
                + "exchange: 'reply', correlate: '$.id']");
        assertThat(body(script)).containsExactly(
                "c1.request([id: 1], value: [id: 1, ok: true])",
                "def c1s2 = c1.send([id: 2])",
                "c1.request([id: 3], value: [id: 3, ok: true])",
                "c1.replyTo(c1s2, value: [id: 2, ok: true])");
    }

    @Test
    void jsonSentWithOtherSpacingIsWrittenAsItsValue() throws Exception {
        Recording recording = recording("json", "json",
                frame("c2s", "\"json\":{\"n\":1},\"base64\":\"eyAibiI6MX0=\""));

        String script = GroovyExport.script(recording, Profile.json(), fast(), "rec.jsonl");

        assertThat(body(script)).containsExactly("c1.send([n: 1])          // recorded as {\"n\":1}: the same value, "
                + "other spacing; sendRaw('eyAibiI6MX0='.decodeBase64()) sends the very bytes");
    }

    @Test
    void ignoredMembersAreLeftOutOfTheExpectation() throws Exception {
        Recording recording = recording("json", "json",
                frame("s2c", "\"json\":{\"ok\":true,\"time\":5,\"data\":{\"id\":1,\"ts\":9}}"));

        String script = GroovyExport.script(recording, Profile.json(), fast("$.time", "$..ts"), "rec.jsonl");

        assertThat(body(script)).containsExactly("c1.expect { it.value instanceof Map && it.value.subMap(['ok']) == "
                + "[ok: true] }          // not compared (--ignore): time, data");
    }

    @Test
    void pausesTheClientTookAreSleptAtTheChosenSpeed() throws Exception {
        Recording recording = recording("json", "json",
                "500,\"conn\":1,\"event\":\"frame\",\"dir\":\"c2s\",\"size\":1,\"json\":1",
                "510,\"conn\":1,\"event\":\"frame\",\"dir\":\"c2s\",\"size\":1,\"json\":2");

        String script = GroovyExport.script(recording, Profile.json(),
                new ReplayOptions(2.0, Duration.ofSeconds(5), List.of()), "rec.jsonl");

        assertThat(body(script)).containsExactly("sleep 250", "c1.send(1)", "c1.send(2)");
    }
}
