package dev.mtk.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.mtk.plugin.PluginInfo;
import dev.mtk.plugin.Registry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code mtk plugins}: every framing, payload codec and handler, built in or from a plugin jar, and its origin. */
final class PluginsCommand implements Command {
    private static final String JSON = "json";

    @Override
    public String name() {
        return "plugins";
    }

    @Override
    public String summary() {
        return "list every framing, payload codec and handler: built in or from a plugin jar";
    }

    @Override
    public List<String> examples() {
        return List.of("mtk plugins                        # the built-ins and the plugins/ folder",
                "mtk plugins --plugins ./my-plugins --json");
    }

    @Override
    public Options options() {
        Options options = new Options();
        CommonOptions.addPlugins(options);
        options.addOption(Option.builder().longOpt(JSON).desc("one JSON object: plugins and warnings").get());
        return CommonOptions.addDebugAndHelp(options);
    }

    @Override
    public int run(CommandLine line, Console console) throws JsonProcessingException {
        boolean json = line.hasOption(JSON);
        Registry codecs = json ? Registry.load(console.pluginFolders(line.getOptionValues(CommonOptions.PLUGINS)))
                : CommonOptions.codecs(line, console);
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("plugins", codecs.all());
            document.put("warnings", codecs.warnings());
            console.out().println(JsonMapper.builder().build().writeValueAsString(document));
        } else {
            table(codecs.all(), console);
        }
        return Mtk.OK;
    }

    private static void table(List<PluginInfo> codecs, Console console) {
        int name = "NAME".length();
        int version = "VERSION".length();
        int origin = "ORIGIN".length();
        for (PluginInfo codec : codecs) {
            name = Math.max(name, codec.name().length());
            version = Math.max(version, codec.version().length());
            origin = Math.max(origin, codec.origin().length());
        }
        String format = "%-8s %-" + name + "s  %-" + version + "s  %-" + origin + "s  %s%n";
        console.out().printf(format, "KIND", "NAME", "VERSION", "ORIGIN", "DESCRIPTION");
        for (PluginInfo codec : codecs) {
            console.out().printf(format, codec.kind(), codec.name(), codec.version(), codec.origin(), codec.description());
        }
    }
}
