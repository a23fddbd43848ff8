package dev.mtk.dissector;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtk.plugin.Registry;
import dev.mtk.spi.FrameLimits;
import dev.mtk.wire.LengthFieldFormat;
import dev.mtk.wire.LengthFieldFraming;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * Every shape of dissector mtk writes is Lua that parses, on any machine: the tshark tests load it into Wireshark only
 * where tshark is installed, and CI machines often lack it, so without this a syntax error would ship unseen. LuaJ
 * (a Lua 5.2 compiler in Java, test scope only) compiles each chunk without running it, since running needs
 * Wireshark's API.
 */
class LuaDissectorSyntaxTest {

    private static String lua(String framing) {
        LengthFieldFormat format = ((LengthFieldFraming) Registry.builtIn().framingSpec(framing)
                .create(FrameLimits.DEFAULT)).format();
        return new LuaDissector(format, FrameLimits.DEFAULT_MAX_FRAME, "mtk", 7373, true, "framing " + framing).lua();
    }

    private static void compile(String lua) {
        JsePlatform.standardGlobals().load(lua, "mtk.lua");
    }

    @ParameterizedTest
    @ValueSource(strings = {"headers", "memcached", "mysql", "postgres", "length-field:width=4",
            "length-field:width=2,order=little,includes-header=true,adjust=1", "length-field:offset=3,width=4,trailer=0xce",
            "length-field:width=3,strip=none", "length-field:width=4,header=9,fields=kind@4:1+seq@5:4"})
    void theDissectorOfEachFramingShapeIsLuaThatCompiles(String framing) {
        assertThatCode(() -> compile(lua(framing))).as(framing).doesNotThrowAnyException();
    }

    @Test
    void aDissectorCutShortIsRefusedByTheSameCheck() {
        String lua = lua("headers");
        String cut = lua.substring(0, lua.lastIndexOf("end"));

        assertThatThrownBy(() -> compile(cut)).isInstanceOf(LuaError.class);
    }
}
