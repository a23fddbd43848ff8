package dev.mtk.dissector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.plugin.Registry;
import dev.mtk.session.Profile;
import dev.mtk.spi.FrameLimits;
import dev.mtk.wire.LengthFieldEncoder;
import dev.mtk.wire.LengthFieldFormat;
import dev.mtk.wire.LengthFieldFraming;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuaDissectorTest {
    private static final int PORT = 7373;

    @TempDir
    Path dir;

    private static LengthFieldFormat format(String framing) {
        return ((LengthFieldFraming) Registry.builtIn().framingSpec(framing).create(FrameLimits.DEFAULT)).format();
    }

    private static LuaDissector dissector(String framing) {
        return new LuaDissector(format(framing), FrameLimits.DEFAULT_MAX_FRAME, "mtk", PORT, true, "framing " + framing);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void theHeadersFramingIsItsMagicAndABigEndianSignedLength() {
        String lua = dissector("headers").lua();

        assertThat(lua).startsWith("-- Wireshark dissector for framing headers\n-- Made by mtk. Framing: magic \"Headers\" "
                + "(48 65 61 64 65 72 73), length field at offset 7, 4 bytes big endian (signed), adjustment 0, counting the "
                + "body only; header 11 bytes.\n")
                .contains("local MAGICS = { ByteArray.new(\"48 65 61 64 65 72 73\") }", "local LENGTH_OFFSET = 7",
                        "local HEADER_LENGTH = 11", "local ADJUSTMENT = 0", "local MAX_FRAME = 1048576",
                        "return tvb(offset + LENGTH_OFFSET, LENGTH_WIDTH):int() + ADJUSTMENT",
                        "ProtoField.int32(\"mtk.length\"", "item:add(f_length, field)",
                        "dissect_tcp_pdus(tvb, tree, HEADER_LENGTH, frame_length, dissect_frame)",
                        "DissectorTable.get(\"tcp.port\"):add(7373, proto)")
                .doesNotContain("@");
    }

    @Test
    void aLittleEndianLengthThatCountsTheHeaderWithoutMagic() {
        String lua = dissector("length-field:width=2,order=little,includes-header=true,adjust=1").lua();

        assertThat(lua).contains("local MAGICS = nil", "local HEADER_LENGTH = 2", "local ADJUSTMENT = -1",
                "LENGTH_WIDTH):le_uint() + ADJUSTMENT", "ProtoField.uint16(\"mtk.length\"", "item:add_le(f_length, field)");
    }

    @Test
    void memcachedShowsBothMagicsAndEveryNamedField() {
        String lua = dissector("memcached").lua();

        assertThat(lua).contains("Framing: magic 80 | 81, length field at offset 8",
                "; header 24 bytes; fields magic@0:1+opcode@1:1+keylen@2:2+extlen@4:1+status@6:2+opaque@12:4+cas@16:8.",
                "local MAGICS = { ByteArray.new(\"80\"), ByteArray.new(\"81\") }", "local HEADER_LENGTH = 24",
                "local f_field_opaque = ProtoField.uint32(\"mtk.field.opaque\", \"opaque\", base.DEC)",
                "if tvb:len() >= 16 then item:add(f_field_opaque, tvb(12, 4)) end", ", f_field_cas }");
    }

    @Test
    void aTrailerIsCountedInTheFrameAndChecked() {
        String lua = dissector("length-field:offset=3,width=4,trailer=0xce").lua();

        assertThat(lua).contains("local TRAILER = ByteArray.new(\"ce\")", "local TRAILER_LENGTH = 1",
                "return HEADER_LENGTH + body_length(tvb, offset) + TRAILER_LENGTH", "wrong = \"wrong trailer\"");
    }

    @Test
    void aThreeByteLittleEndianLengthIsUnsigned() {
        assertThat(dissector("mysql").lua()).contains("LENGTH_WIDTH):le_uint() + ADJUSTMENT",
                "ProtoField.uint24(\"mtk.length\"", "local ADJUSTMENT = 0", "local HEADER_LENGTH = 4");
    }

    @Test
    void anEightByteLengthIsReadAsA64BitNumber() {
        assertThat(dissector("length-field:width=8").lua()).contains("LENGTH_WIDTH):int64():tonumber() + ADJUSTMENT",
                "ProtoField.int64(\"mtk.length\"");
    }

    @Test
    void theProtocolNameMustSuitAFilter() {
        assertThatThrownBy(() -> new LuaDissector(LengthFieldFormat.HEADERS, 10, "My Proto", PORT, true, "x"))
                .hasMessage("protocol name must be lower-case letters, digits and _, starting with a letter: 'My Proto'");
    }

    // With tshark: the dissector loaded on a capture written here.

    @Test
    void tsharkDecodesEveryFrameOfACaptureIncludingOnesSplitAcrossSegments() throws Exception {
        LengthFieldEncoder headers = new LengthFieldEncoder(LengthFieldFormat.HEADERS);
        byte[] split = headers.frame(utf8("{\"split\":\"across segments\"}"));
        Path capture = new Capture(PORT)
                .client(headers.frame(utf8("{\"n\":1}")))
                .server(headers.frame(utf8("\"我收到了\"")))
                .client(concat(headers.frame(utf8("{\"n\":2}")), headers.frame(utf8("[3]"))))
                .client(Arrays.copyOfRange(split, 0, 5))
                .client(Arrays.copyOfRange(split, 5, 20))
                .client(Arrays.copyOfRange(split, 20, split.length))
                .client(concat(utf8("junk"), headers.frame(utf8("1"))))
                .write(dir.resolve("headers.pcap"));

        List<String> fields = tshark(dissector("headers"), capture);

        assertThat(fields).containsExactly(
                "7|{\"n\":1}|",
                "14|\"我收到了\"|",
                "7,3|{\"n\":2},[3]|",
                "27|{\"split\":\"across segments\"}|",
                "||no magic where a frame starts");
    }

    @Test
    void tsharkMarksANegativeLengthMalformed() throws Exception {
        Path capture = new Capture(PORT)
                .client(concat(utf8("Headers"), new byte[] {-1, -1, -1, -1}))
                .write(dir.resolve("negative.pcap"));

        assertThat(tshark(dissector("headers"), capture)).containsExactly("||negative frame length -1");
    }

    @Test
    void tsharkDecodesALittleEndianFramingWithoutMagic() throws Exception {
        LuaDissector dissector = dissector("length-field:width=2,order=little,includes-header=true");
        Path capture = new Capture(PORT)
                .client(new byte[] {5, 0, 'a', 'b', 'c', 4, 0})
                .client(new byte[] {'d', 'e'})
                .write(dir.resolve("little.pcap"));

        assertThat(tshark(dissector, capture)).containsExactly("3|abc|", "2|de|");
    }

    /** Each decoded packet as {@code body lengths|texts|expert messages}, from tshark with the dissector loaded. */
    private List<String> tshark(LuaDissector dissector, Path capture) throws Exception {
        Assumptions.assumeTrue(installed("tshark"), "tshark is not installed (apt-get install tshark): "
                + "the dissector was not loaded into Wireshark, only its source checked");
        Path lua = Files.writeString(dir.resolve("mtk.lua"), dissector.lua());
        Process process = new ProcessBuilder("tshark", "-X", "lua_script:" + lua, "-r", capture.toString(), "-Y", "mtk",
                "-T", "fields", "-E", "separator=|", "-e", "mtk.body_length", "-e", "mtk.text", "-e", "_ws.expert.message")
                .redirectError(dir.resolve("tshark.err").toFile()).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(dir.resolve("tshark.err"))).isZero();
        assertThat(Files.readString(dir.resolve("tshark.err"))).doesNotContain("Lua: Error");
        List<String> lines = new ArrayList<>();
        for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static boolean installed(String program) throws IOException, InterruptedException {
        Process which = new ProcessBuilder("which", program).redirectErrorStream(true).start();
        which.getInputStream().readAllBytes();
        return which.waitFor(10, TimeUnit.SECONDS) && which.exitValue() == 0;
    }
}
