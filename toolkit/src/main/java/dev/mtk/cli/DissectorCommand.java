package dev.mtk.cli;

import dev.mtk.dissector.LuaDissector;
import dev.mtk.plugin.Registry;
import dev.mtk.session.Profile;
import dev.mtk.session.ServerConfig;
import dev.mtk.spi.FrameLimits;
import dev.mtk.spi.Framing;
import dev.mtk.wire.LengthFieldFraming;
import java.util.List;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code mtk dissector [codec options] > proto.lua}: a Wireshark dissector for the framing, on standard output. */
final class DissectorCommand implements Command {
    private static final String NAME = "name";
    /** Payloads whose bodies are UTF-8 text, shown as text too. */
    private static final Set<String> TEXT_PAYLOADS = Set.of("json", "text");

    @Override
    public String name() {
        return "dissector";
    }

    @Override
    public String summary() {
        return "print a Wireshark Lua dissector for the framing: mtk dissector > proto.lua";
    }

    @Override
    public List<String> examples() {
        return List.of("mtk dissector > mtk.lua                        # the json profile on port 7373",
                "mtk dissector --profile seed -p 9000 > seed.lua",
                "wireshark -X lua_script:mtk.lua -i lo           # load it");
    }

    @Override
    public Options options() {
        Options options = new Options();
        options.addOption(Option.builder("p").longOpt(CommonOptions.PORT).hasArg().argName("PORT")
                .desc("the TCP port to decode (default " + ServerConfig.DEFAULT_PORT + "; others with Decode As)").get());
        options.addOption(Option.builder().longOpt(NAME).hasArg().argName("NAME")
                .desc("protocol name: the display filter and the fields' prefix (default mtk)").get());
        // No -q or --strict: a dissector logs nothing, and Wireshark shows garbage rather than skipping it.
        return CommonOptions.addDebugAndHelp(CodecOptions.addCodecs(options));
    }

    @Override
    public int run(CommandLine line, Console console) {
        Registry registry = CommonOptions.codecs(line, console);
        Profile profile = CommonOptions.profile(line, registry);
        FrameLimits limits = CommonOptions.limits(line);
        int port = CommonOptions.port(line, false);
        Framing framing = profile.framing().create(limits);
        if (!(framing instanceof LengthFieldFraming lengthField)) {
            throw new UsageException("a dissector needs a length-field framing (headers, length-field), not "
                    + profile.framing());
        }
        String describe = "framing " + profile.framing() + ", payload " + profile.payload().name() + ", TCP port " + port;
        LuaDissector dissector;
        try {
            dissector = new LuaDissector(lengthField.format(), limits.maxFrame(), line.getOptionValue(NAME, "mtk"), port,
                    TEXT_PAYLOADS.contains(profile.payload().name()), describe);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        console.out().print(dissector.lua());
        console.out().flush();
        return Mtk.OK;
    }
}
