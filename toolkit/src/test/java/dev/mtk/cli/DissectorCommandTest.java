package dev.mtk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtk.testing.InProcessMtk;
import dev.mtk.testing.InProcessMtk.Result;
import org.junit.jupiter.api.Test;

/** {@code mtk dissector}: the Lua on standard output, for the framing and port the options choose. */
class DissectorCommandTest {

    @Test
    void printsADissectorForTheChosenFramingAndPort() {
        Result result = InProcessMtk.run("dissector", "--framing", "length-field:magic=MT,width=2", "-p", "9000",
                "--name", "kv");

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("-- Wireshark dissector for framing length-field:magic=MT,width=2, payload json, "
                + "TCP port 9000\n")
                .contains("local proto = Proto(\"kv\", \"KV length-prefixed frames\")", "local MAGICS = { ByteArray.new(\"4d 54\") }",
                        "DissectorTable.get(\"tcp.port\"):add(9000, proto)");
    }

    @Test
    void theDefaultIsTheHeadersFramingOnPort7373() {
        Result result = InProcessMtk.run("dissector");

        assertThat(result.out()).startsWith("-- Wireshark dissector for framing headers, payload json, TCP port 7373\n");
    }

    @Test
    void aNameThatCannotBeAFilterIsAUsageError() {
        Result result = InProcessMtk.run("dissector", "--name", "Mtk!");

        assertThat(result.code()).isEqualTo(Mtk.USAGE);
        assertThat(result.err()).startsWith("mtk dissector: protocol name must be lower-case letters, digits and _, "
                + "starting with a letter: 'Mtk!'");
    }
}
