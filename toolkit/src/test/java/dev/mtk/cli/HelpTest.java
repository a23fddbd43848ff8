package dev.mtk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtk.session.Profile;
import dev.mtk.session.SeedHandler;
import dev.mtk.session.Server;
import dev.mtk.session.ServerConfig;
import dev.mtk.testing.InProcessMtk;
import dev.mtk.testing.InProcessMtk.Result;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelpTest {
    private static final List<String> COMMANDS = List.of("server", "client", "demo", "run", "repl", "bench", "plugins",
            "proxy", "replay", "dissector");
    /** Commands reached through another ({@link Command#subcommands()}), as typed. */
    private static final List<String> SUBCOMMANDS = List.of("bench merge");
    /** Read by {@link Mtk} itself for every command: the help, stack traces, the conversation log's level. */
    private static final Set<String> READ_BY_MTK = Set.of(CommonOptions.HELP, CommonOptions.DEBUG, CommonOptions.QUIET);

    @TempDir
    Path dir;
    private final StopSignal stopped = new StopSignal();
    private Server server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyHelpLineFitsEightyColumns() {
        List<String> wide = new ArrayList<>();
        for (String command : all()) {
            for (String line : help(command).split("\\R")) {
                if (line.length() > Help.DEFAULT_WIDTH) {
                    wide.add(command + ": " + line);
                }
            }
        }
        for (String line : InProcessMtk.run("--help").out().split("\\R")) {
            if (line.length() > Help.DEFAULT_WIDTH) {
                wide.add("mtk --help: " + line);
            }
        }

        assertThat(wide).isEmpty();
    }

    @Test
    void helpFollowsColumnsWhenSet() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Console console = new Console(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), true, Map.of("COLUMNS", "50"), null);

        assertThat(new Mtk(console, new StopSignal()).run("server", "--help")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8).split("\\R")).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(50));
    }

    @Test
    void theCommandsOwnOptionsComeFirstAndHelpLast() {
        String help = InProcessMtk.run("client", "--help").out();

        assertThat(help.indexOf("--message")).isLessThan(help.indexOf("shared options:"));
        assertThat(help.indexOf("shared options:")).isLessThan(help.indexOf("--profile"));
        assertThat(help.strip().lines().filter(line -> line.startsWith("  -")).reduce((a, b) -> b)).hasValue(
                "  -h, --help                      show this help");
    }

    @Test
    void everyHelpEndsWithExamples() {
        for (String command : all()) {
            String help = help(command);

            assertThat(help.substring(help.indexOf("examples:")).lines().filter(line -> line.startsWith("  ")).count())
                    .as(command).isGreaterThanOrEqualTo(2);
        }
    }

    private static List<String> all() {
        List<String> all = new ArrayList<>(COMMANDS);
        all.addAll(SUBCOMMANDS);
        return all;
    }

    /** {@code mtk COMMAND --help}, the command's words apart. */
    private static String help(String command) {
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.add("--help");
        return InProcessMtk.run(args.toArray(String[]::new)).out();
    }

    @Test
    void tlsOptionsAreListedOnlyOnTheirSide() {
        String server = InProcessMtk.run("server", "--help").out();
        String client = InProcessMtk.run("client", "--help").out();

        assertThat(server).contains("--client-auth").doesNotContain("--insecure");
        assertThat(client).contains("--insecure").doesNotContain("--client-auth");
    }

    @Test
    void oneNamePerKindOfValue() {
        StringBuilder all = new StringBuilder();
        for (String command : COMMANDS) {
            all.append(InProcessMtk.run(command, "--help").out());
        }

        assertThat(all.toString()).doesNotContain("<SECONDS>", "<TIME>", "<K>", "<X>", "<MSGS/S>", "<OUT.groovy>");
    }

    @Test
    void helpCommandShowsThatCommandsHelp() {
        Result help = InProcessMtk.run("help", "bench");

        assertThat(help.code()).isZero();
        assertThat(help.out()).isEqualTo(InProcessMtk.run("bench", "--help").out());
    }

    @Test
    void anUnknownCommandGetsTheClosestName() {
        Result typo = InProcessMtk.run("sever");

        assertThat(typo.code()).isEqualTo(Mtk.USAGE);
        assertThat(typo.err()).startsWith("mtk: unknown command 'sever'; did you mean 'server'?");
    }

    @Test
    void theCommandListIsAligned() {
        List<String> rows = InProcessMtk.run("--help").out().lines()
                .filter(line -> COMMANDS.stream().anyMatch(name -> line.startsWith("  " + name + " "))).toList();

        assertThat(rows).hasSize(COMMANDS.size());
        assertThat(rows).allSatisfy(row -> assertThat(row.charAt(13)).isNotEqualTo(' ').as(row));
        assertThat(rows).allSatisfy(row -> assertThat(row.charAt(12)).isEqualTo(' '));
    }

    /**
     * Each option a command lists is read by that command: it is given alone (with a plausible value, on top of what the
     * command needs to get going) and the command runs in this process on a {@link CommandLine} whose options are
     * marked deprecated, so that commons-cli reports every {@code hasOption} or {@code getOptionValue} of them. An
     * option that is read and then refused ({@code --keystore} without {@code --tls}) counts: refused is not ignored.
     * {@code -h}, {@code --debug} and {@code -q} are read by {@link Mtk} for every command; whether {@code -q} changes
     * anything is up to the command, so it is listed only by commands that log per-message lines.
     */
    @Test
    void everyListedOptionIsReadByItsCommand() throws Exception {
        server = Server.start(ServerConfig.loopback(0, Profile.named("json")), new SeedHandler());
        Files.writeString(dir.resolve("ok.groovy"), "assert true\n");
        Files.writeString(dir.resolve("rec.jsonl"), String.join("\n",
                "{\"format\":\"mtk-recording\",\"version\":1,\"started\":\"2026-11-25T00:00:00Z\",\"profile\":\"json\","
                        + "\"framing\":\"headers\",\"payload\":\"json\",\"listen\":\"127.0.0.1:7474\",\"target\":\"127.0.0.1:7373\"}",
                "{\"ms\":1.000,\"conn\":1,\"event\":\"open\",\"client\":\"127.0.0.1:50000\"}",
                "{\"ms\":3.000,\"conn\":1,\"event\":\"close\",\"by\":\"client\"}") + "\n");
        Result result = InProcessMtk.run("bench", "-p", String.valueOf(server.port()), "-c", "1", "-n", "1", "--json");
        Files.writeString(dir.resolve("result.json"), result.out());
        stopped.stop();
        List<String> unread = new ArrayList<>();
        List<Command> commands = new ArrayList<>();
        for (Command command : new Mtk(null, stopped).commands()) {
            commands.add(command);
            commands.addAll(command.subcommands().values());
        }
        for (Command command : commands) {
            for (Option option : command.options().getOptions()) {
                String name = option.getLongOpt();
                if (READ_BY_MTK.contains(name)) {
                    continue;
                }
                List<String> args = new ArrayList<>();
                List<String> base = base(command.name(), name);
                if (!base.contains("--" + name) && !base.contains("-" + option.getOpt())) {
                    args.add("--" + name);
                    if (option.hasArg()) {
                        args.add(value(option));
                    }
                }
                args.addAll(base);
                if (!readBy(command, args).contains(name)) {
                    unread.add("mtk " + command.name() + " " + String.join(" ", args));
                }
            }
        }

        assertThat(unread).isEmpty();
    }

    private List<String> base(String command, String option) {
        String port = String.valueOf(server.port());
        return switch (command) {
            case "client", "bench", "repl" -> new ArrayList<>(command.equals("bench")
                    ? List.of("-H", "127.0.0.1", "-p", port, "-c", "1", "-n", "1") : List.of("-H", "127.0.0.1", "-p", port));
            case "server" -> List.of("-p", "0");
            case "proxy" -> List.of("--listen", "0", "--target", "127.0.0.1:" + port);
            case "run" -> List.of(dir.resolve("ok.groovy").toString());
            case "bench merge" -> List.of(dir.resolve("result.json").toString());
            case "replay" -> option.equals(ProxyCommand.TARGET)
                    ? List.of(dir.resolve("rec.jsonl").toString(), "--as", "client")
                    : List.of(dir.resolve("rec.jsonl").toString(), "--as", "server", "--listen", "0");
            default -> List.of();
        };
    }

    private String value(Option option) {
        switch (option.getLongOpt()) {
            case "framing":
                return "headers";
            case "handler":
                return "echo";
            case "name":
                return "mtk";
            case "speed":
                return "1";
            default:
                break;
        }
        return switch (option.getArgName()) {
            case "DURATION" -> "1s";
            case "BYTES" -> "64KiB";
            case "N", "FACTOR" -> "2";
            case "PORT", "[HOST:]PORT" -> "0";
            case "HOST" -> "127.0.0.1";
            case "HOST:PORT" -> "127.0.0.1:" + server.port();
            case "NAME" -> "json";
            case "PAYLOAD" -> "{}";
            case "JSONPATH" -> "$.a";
            case "none|want|need" -> "need";
            case "on|off" -> "on";
            case "client|server" -> "client";
            case "DIRS" -> dir.toString();
            case "PASSWORD" -> "secret";
            default -> dir.resolve("out-" + option.getLongOpt()).toString();
        };
    }

    /** The long names of the options {@code command} read when run with {@code args}. */
    private Set<String> readBy(Command command, List<String> args) throws Exception {
        Set<String> read = new HashSet<>();
        Options watched = new Options();
        for (Option option : command.options().getOptions()) {
            Option.Builder copy = Option.builder(option.getOpt()).longOpt(option.getLongOpt()).deprecated();
            if (option.hasArg()) {
                copy.hasArg().argName(option.getArgName());
            }
            watched.addOption(copy.get());
        }
        CommandLine line = DefaultParser.builder().setDeprecatedHandler(option -> read.add(option.getLongOpt())).get()
                .parse(watched, args.toArray(String[]::new), command.stopsAtArguments());
        Console console = new Console(new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                !command.name().equals("repl"), Map.of(), null);
        try {
            command.run(line, console);
        } catch (Exception | AssertionError e) {
            // a refusal after the option was read is fine; one before it leaves the option unread and fails below
        }
        return read;
    }
}
