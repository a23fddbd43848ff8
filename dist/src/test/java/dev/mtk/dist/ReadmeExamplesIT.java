package dev.mtk.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README.md's examples, run through the clone's launcher from the clone's root, as a newcomer pastes them. Every
 * fenced line that runs {@code bin/mtk} is classified below: run, with the exit code README implies, or skipped with
 * the reason (it needs a peer, or serves until stopped). A new example fails {@link #everyReadmeExampleIsClassified}
 * until it is added here.
 */
class ReadmeExamplesIT {
    private static final Path LAUNCHER = Path.of(System.getProperty("mtk.clone.launcher")).toAbsolutePath().normalize();
    private static final Path ROOT = LAUNCHER.getParent().getParent().getParent();
    private static final Path README = ROOT.resolve("README.md");
    /** A fenced line that runs mtk, without a shell prompt and without its trailing comment. */
    private static final Pattern COMMENT = Pattern.compile("\\s+#\\s.*$");

    /** What each example is: the arguments to run it with and its exit code, or why it is not run. */
    private record Example(List<String> args, int exitCode, String skipped) {
        static Example runs(int exitCode, String... args) {
            return new Example(List.of(args), exitCode, null);
        }

        static Example skipped(String reason) {
            return new Example(List.of(), -1, reason);
        }
    }

    private static final String NEEDS_PEER = "needs a server running on 127.0.0.1:7373";
    private static final String SERVES = "serves until stopped; ServerCommandTest and serverPrintsTheListeningLineReadmeShows start one";

    private static final Map<String, Example> EXAMPLES = new LinkedHashMap<>();

    static {
        EXAMPLES.put("./mvnw -B -q package -DskipTests && dist/bin/mtk demo", Example.runs(0, "demo"));
        EXAMPLES.put("tar -xzf dist/target/mtk-*.tar.gz -C ~/opt && ~/opt/mtk-*/bin/mtk --help", Example.runs(0, "--help"));
        EXAMPLES.put("dist/bin/mtk demo --profile reply --correlate '$.id'",
                Example.runs(0, "demo", "--profile", "reply", "--correlate", "$.id"));
        EXAMPLES.put("dist/bin/mtk client 127.0.0.1:9000 --framing length-field:width=2,order=little --exchange reply "
                + "--correlate '$.id' -e '{\"op\":\"get\",\"key\":\"a\",\"id\":7}' -e '{\"op\":\"get\",\"key\":\"b\",\"id\":8}'",
                Example.skipped("needs the server of the next line on port 9000; MtkTest pairs out-of-order replies"));
        EXAMPLES.put("dist/bin/mtk server -p 9000 --framing length-field:width=2,order=little --exchange reply --handler overtake",
                Example.skipped(SERVES));
        EXAMPLES.put("dist/bin/mtk server --profile reply", Example.skipped(SERVES));
        EXAMPLES.put("dist/bin/mtk server", Example.skipped(SERVES));
        EXAMPLES.put("dist/bin/mtk server -p 0", Example.skipped(SERVES));
        EXAMPLES.put("dist/bin/mtk server --profile seed", Example.skipped(SERVES));
        EXAMPLES.put("dist/bin/mtk client", Example.skipped(NEEDS_PEER));
        EXAMPLES.put("dist/bin/mtk client -e '{\"id\": 1}' -e '{\"id\": 2}'", Example.skipped(NEEDS_PEER));
        EXAMPLES.put("printf '{\"n\":1}\\n{\"n\":2}\\n' | dist/bin/mtk client", Example.skipped(NEEDS_PEER));
        EXAMPLES.put("dist/bin/mtk client < pretty.json", Example.skipped(NEEDS_PEER + " and a file pretty.json"));
        EXAMPLES.put("dist/bin/mtk client -e @request.json", Example.skipped(NEEDS_PEER + " and a file request.json"));
        EXAMPLES.put("dist/bin/mtk client 127.0.0.1:7373 --profile seed", Example.skipped("needs the seed's Go server"));
        EXAMPLES.put("dist/bin/mtk repl 127.0.0.1:7373", Example.skipped(NEEDS_PEER + " and a terminal"));
        EXAMPLES.put("dist/bin/mtk run scripts/scenario-assert.groovy 127.0.0.1:7373", Example.skipped(NEEDS_PEER));
        EXAMPLES.put("dist/bin/mtk server --script scripts/kv-server.groovy", Example.skipped(SERVES));
        EXAMPLES.put("dist/bin/mtk bench 127.0.0.1:7373 -c 16 -d 10s --warmup 3s --pipeline 32 --exchange reply",
                Example.skipped(NEEDS_PEER));
        EXAMPLES.put("dist/bin/mtk bench 127.0.0.1:7373 -c 64 -d 60s --rate 50000 --hgrm lat.hgrm", Example.skipped(NEEDS_PEER));
        EXAMPLES.put("dist/bin/mtk bench --scenario scripts/load-login.groovy --users 20 -d 5s",
                Example.runs(0, "bench", "--scenario", "scripts/load-login.groovy", "--users", "20", "-d", "5s"));
        EXAMPLES.put("dist/bin/mtk server --profile reply --handler overtake -q &", Example.skipped(SERVES));
        EXAMPLES.put("dist/bin/mtk bench 127.0.0.1:7373 -c 30 -d 60s --shard 0/3 --start-at 2026-12-01T23:00:00Z "
                + "--json > shard-0.json", Example.skipped(NEEDS_PEER + "; ShardsIT runs three shards and merges them"));
        EXAMPLES.put("dist/bin/mtk bench merge shard-0.json shard-1.json shard-2.json --hgrm all.hgrm",
                Example.skipped("needs the three shards' results; ShardsIT merges real ones"));
        EXAMPLES.put("dist/bin/mtk bench 127.0.0.1:7373 --profile reply --correlate '$.id' -c 4 -n 25000 --pipeline 8 "
                + "--body '{\"id\":${seq},\"ok\":true,\"op\":\"${pick:get,put}\"}' --expect '$.ok=true'",
                Example.skipped("needs the server of the line above"));
        EXAMPLES.put("dist/bin/mtk proxy --listen 7474 --target 127.0.0.1:7373 --record day1.jsonl",
                Example.skipped("serves until stopped, in front of a server on 127.0.0.1:7373"));
        EXAMPLES.put("dist/bin/mtk replay day1.jsonl --as client --target 127.0.0.1:7373 --ignore '$.time'",
                Example.skipped("needs the recording day1.jsonl the proxy example writes, and a server"));
        EXAMPLES.put("dist/bin/mtk replay day1.jsonl --as server --listen 7373",
                Example.skipped("needs the recording day1.jsonl the proxy example writes; serves until stopped"));
        // Only mtk's half: Wireshark and a capture are not ours to run.
        EXAMPLES.put("dist/bin/mtk dissector > mtk.lua && wireshark -X lua_script:mtk.lua capture.pcap",
                Example.runs(0, "dissector"));
        EXAMPLES.put("dist/bin/mtk server --framing length-field:width=2,order=little --payload text", Example.skipped(SERVES));
        EXAMPLES.put("dist/bin/mtk client --framing length-field:width=2,order=little --payload text -e 'plain words'",
                Example.skipped("needs the server of the line above"));
        EXAMPLES.put("dist/bin/mtk client 127.0.0.1:11211 --framing memcached --payload bytes "
                + "--correlate header.opaque -e '80 00 00 03 00 00 00 00 00 00 00 03 00 00 00 07 00 00 00 00 00 00 00 00 "
                + "\"foo\"'", Example.skipped("needs a memcached on 127.0.0.1:11211; MemcachedInteropTest starts one and "
                + "runs the client against it"));
        EXAMPLES.put("dist/bin/mtk plugins", Example.runs(0, "plugins"));
        EXAMPLES.put("dist/bin/mtk demo --payload cbor --framing varint", Example.runs(0, "demo", "--payload", "cbor",
                "--framing", "varint"));
    }

    @TempDir
    Path temp;

    /** The lines in README's fenced blocks that run {@code bin/mtk}, as written there (prompt and comment cut). */
    static List<String> readmeExamples() throws IOException {
        List<String> examples = new ArrayList<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(README, StandardCharsets.UTF_8)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            } else if (fenced && line.contains("bin/mtk")) {
                examples.add(COMMENT.matcher(line.startsWith("$ ") ? line.substring(2) : line).replaceFirst("").trim());
            }
        }
        return examples;
    }

    @Test
    void everyReadmeExampleIsClassified() throws IOException {
        List<String> examples = readmeExamples();

        assertThat(examples).as("README examples not classified in ReadmeExamplesIT.EXAMPLES: run or skipped, and why")
                .allMatch(EXAMPLES::containsKey);
        assertThat(EXAMPLES.keySet()).as("examples no longer in README.md").allMatch(examples::contains);
    }

    @Test
    void everyRunnableReadmeExampleExitsAsReadmeSays() throws Exception {
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Example> entry : EXAMPLES.entrySet()) {
            Example example = entry.getValue();
            if (example.skipped() != null) {
                continue;
            }
            List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
            command.addAll(example.args());
            Process process = new ProcessBuilder(command).directory(ROOT.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(temp.resolve("out.txt").toFile()).redirectError(temp.resolve("err.txt").toFile())
                    .start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", entry.getKey()).isTrue();
            if (process.exitValue() != example.exitCode()) {
                failures.add(entry.getKey() + ": exit " + process.exitValue() + ", README implies " + example.exitCode()
                        + ": " + Files.readString(temp.resolve("err.txt")));
            }
        }

        assertThat(failures).isEmpty();
    }

    @Test
    void demoPrintsTheListeningLineAndTheEventsReadmeShows() throws Exception {
        Process demo = new ProcessBuilder(LAUNCHER.toString(), "demo").directory(ROOT.toFile())
                .redirectOutput(temp.resolve("demo.txt").toFile()).redirectError(temp.resolve("err.txt").toFile()).start();
        assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> printed = Files.readAllLines(temp.resolve("demo.txt"), StandardCharsets.UTF_8);

        List<String> shown = readmeBlockAfter("`mtk demo` prints both sides' log lines:");
        assertThat(shape(printed.get(0))).as("the listening line").isEqualTo(shape(shown.get(0)));
        assertThat(printed.get(printed.size() - 1)).isEqualTo(shown.get(shown.size() - 1));
        // Lines of the two sides that do not cause each other (the client's close, the server's confirmation) come
        // in either order; MtkTest checks the order of those that do.
        assertThat(shapes(printed)).containsExactlyInAnyOrderElementsOf(shapes(shown));
    }

    @Test
    void theRequestReplyDemoPrintsTheEventsReadmeShows() throws Exception {
        Process demo = new ProcessBuilder(LAUNCHER.toString(), "demo", "--profile", "reply", "--correlate", "$.id")
                .directory(ROOT.toFile()).redirectOutput(temp.resolve("demo.txt").toFile())
                .redirectError(temp.resolve("err.txt").toFile()).start();
        assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> printed = Files.readAllLines(temp.resolve("demo.txt"), StandardCharsets.UTF_8);

        List<String> shown = readmeBlockAfter("Both sides' lines: the server answers the second request first, and each "
                + "reply still finds its request:");
        assertThat(shape(printed.get(0))).as("the listening line").isEqualTo(shape(shown.get(0)));
        assertThat(shapes(printed)).containsExactlyInAnyOrderElementsOf(shapes(shown));
        assertThat(printed).filteredOn(line -> line.contains(" server ") && line.contains(" sent "))
                .extracting(line -> line.substring(line.indexOf(": ") + 2))
                .containsExactly("{\"id\":2,\"op\":\"get\",\"key\":\"b\"}", "{\"id\":1,\"op\":\"get\",\"key\":\"a\"}");
    }

    @Test
    void serverPrintsTheListeningLineReadmeShows() throws Exception {
        Process server = new ProcessBuilder(LAUNCHER.toString(), "server", "-p", "0").directory(ROOT.toFile())
                .redirectError(temp.resolve("err.txt").toFile()).start();
        String listening;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            listening = out.readLine();
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }

        Matcher documented = Pattern.compile("`(listening on [^`]*max-connections[^`]*)`")
                .matcher(Files.readString(README, StandardCharsets.UTF_8));
        assertThat(documented.find()).as("README shows a server's listening line").isTrue();
        assertThat(shape(listening)).isEqualTo(shape(documented.group(1)));
    }

    @Test
    void readmeNamesEveryShippedPluginWhereItListsThem() throws IOException {
        List<String> modules;
        try (var folders = Files.list(ROOT.resolve("plugins"))) {
            modules = folders.filter(folder -> Files.isRegularFile(folder.resolve("pom.xml")))
                    .map(folder -> folder.getFileName().toString()).sorted().toList();
        }
        List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);

        assertThat(modules).isNotEmpty();
        for (String listing : List.of("The archive holds", "| `plugins/` |")) {
            String line = lines.stream().filter(text -> text.startsWith(listing)).findFirst().orElseThrow();
            assertThat(modules).as("named in README's line %s", line).allMatch(module -> line.contains("`" + module + "`"));
        }
    }

    /** The lines of the fenced block right after the line that ends with {@code intro}. */
    private static List<String> readmeBlockAfter(String intro) throws IOException {
        List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
        int start = 0;
        while (start < lines.size() && !lines.get(start).endsWith(intro)) {
            start++;
        }
        assertThat(start).as("README has a line ending %s", intro).isLessThan(lines.size());
        start += 3;
        return lines.subList(start, start + lines.subList(start, lines.size()).indexOf("```"));
    }

    private static List<String> shapes(List<String> lines) {
        return lines.stream().map(ReadmeExamplesIT::shape).toList();
    }

    /** A line with its dates, times and numbers as {@code N}: what stays the same from one run to the next. */
    private static String shape(String line) {
        return line.replaceAll("\\d+", "N").replaceAll(" +", " ");
    }
}
