package dev.mtk.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
 * docs/ADMIN.md's examples, run in order against real servers as a reader pastes them: each server line the page
 * starts is started here on free ports, then every {@code curl} and {@code dist/bin/mtk} line runs through
 * {@code sh} with the page's ports replaced by the real ones, and each {@code curl} must answer the status its comment
 * gives, with a JSON body (or, for a comment {@code # 200 text:}, the metrics' Prometheus text).
 */
class AdminDocsIT {
    private static final Path LAUNCHER = Path.of(System.getProperty("mtk.clone.launcher")).toAbsolutePath().normalize();
    private static final Path ROOT = LAUNCHER.getParent().getParent().getParent();
    private static final Path PAGE = Path.of(System.getProperty("mtk.docs")).resolve("ADMIN.md");
    private static final Pattern COMMENT = Pattern.compile("\\s+#\\s.*$");
    private static final Pattern STATUS = Pattern.compile("\\s+#\\s+(\\d{3})\\b");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A server the page starts: how this test starts it, and which of the page's addresses stand for it. */
    private record PageServer(Map<String, String> env, List<String> args, String protocol, String admin) {
    }

    private static final Map<String, PageServer> SERVERS = new LinkedHashMap<>();
    /** Server lines the page shows but does not run in sequence, and where they are tested instead. */
    private static final Map<String, String> SKIPPED = Map.of(
            "dist/bin/mtk server --profile reply --script my-service.groovy --watch",
            "serves until stopped and needs the reader's script; AdminIT's watch tests run it");

    static {
        SERVERS.put("dist/bin/mtk server --profile reply --admin 7380 &", new PageServer(Map.of(),
                List.of("-p", "0", "--profile", "reply", "--admin", "127.0.0.1:0"), "127.0.0.1:7373", "127.0.0.1:7380"));
        SERVERS.put("MTK_ADMIN_TOKEN=s3cret dist/bin/mtk server -p 7374 --profile reply --admin 7381 &",
                new PageServer(Map.of("MTK_ADMIN_TOKEN", "s3cret"),
                        List.of("-p", "0", "--profile", "reply", "--admin", "127.0.0.1:0"), "127.0.0.1:7374",
                        "127.0.0.1:7381"));
    }

    @TempDir
    Path temp;

    /** The lines of the page's {@code sh} blocks, as written there. */
    private static List<String> examples() throws IOException {
        List<String> examples = new ArrayList<>();
        boolean shell = false;
        for (String line : Files.readAllLines(PAGE, StandardCharsets.UTF_8)) {
            if (line.startsWith("```")) {
                shell = !shell && line.equals("```sh");
            } else if (shell && !line.isBlank()) {
                examples.add(line.trim());
            }
        }
        return examples;
    }

    private static boolean startsAServer(String line) {
        return line.contains("bin/mtk server");
    }

    @Test
    void everyServerThePageStartsIsKnownHere() throws IOException {
        List<String> servers = examples().stream().filter(AdminDocsIT::startsAServer)
                .map(line -> COMMENT.matcher(line).replaceFirst("")).toList();

        assertThat(servers).as("server lines in ADMIN.md not known to AdminDocsIT")
                .allMatch(line -> SERVERS.containsKey(line) || SKIPPED.containsKey(line));
        assertThat(SERVERS.keySet()).as("servers no longer in ADMIN.md").allMatch(servers::contains);
    }

    @Test
    void everyExampleAnswersAsThePageSays() throws Exception {
        Map<String, String> addresses = new LinkedHashMap<>();
        List<ServerProcess> started = new ArrayList<>();
        try {
            for (PageServer page : SERVERS.values()) {
                ServerProcess server = ServerProcess.start(LAUNCHER, temp, page.env(), page.args().toArray(String[]::new));
                started.add(server);
                addresses.put(page.protocol(), "127.0.0.1:" + server.port());
                addresses.put(page.admin(), server.adminUrl().substring("http://".length()));
            }
            List<String> failures = new ArrayList<>();
            int curls = 0;
            for (String line : examples()) {
                if (startsAServer(line)) {
                    continue;
                }
                String command = COMMENT.matcher(line).replaceFirst("");
                for (Map.Entry<String, String> address : addresses.entrySet()) {
                    command = command.replace(address.getKey(), address.getValue());
                }
                if (command.startsWith("curl ")) {
                    curls++;
                    check(line, command, failures);
                } else {
                    Run run = sh(command);
                    if (run.code() != 0) {
                        failures.add(line + ": exit " + run.code() + ": " + run.err());
                    }
                }
            }
            assertThat(curls).as("curl examples in ADMIN.md").isGreaterThanOrEqualTo(10);
            assertThat(failures).isEmpty();
        } finally {
            for (ServerProcess server : started) {
                server.close();
            }
        }
    }

    /** Runs a curl line with its status printed after the body, and compares both with the line's comment. */
    private void check(String line, String command, List<String> failures) throws Exception {
        Matcher status = STATUS.matcher(line);
        if (!status.find()) {
            failures.add(line + ": no status in its comment (# 200 ...)");
            return;
        }
        Run run = sh(command + " -w '\\n%{http_code}'");
        String body = run.out().substring(0, Math.max(0, run.out().lastIndexOf('\n')));
        String code = run.out().substring(run.out().lastIndexOf('\n') + 1);
        if (run.code() != 0 || !code.equals(status.group(1))) {
            failures.add(line + ": exit " + run.code() + ", status " + code + ", body " + body + run.err());
            return;
        }
        if (line.contains("# 200 text:")) {
            // The metrics: Prometheus text, not JSON; the counters the page names must be in it.
            if (!body.contains("mtk_server_messages_received_total")) {
                failures.add(line + ": no mtk_server_messages_received_total in: " + body);
            }
            return;
        }
        try {
            if (!JSON.readTree(body).isObject()) {
                failures.add(line + ": not a JSON object: " + body);
            }
        } catch (IOException e) {
            failures.add(line + ": not JSON: " + body);
        }
    }

    private record Run(int code, String out, String err) {
    }

    private Run sh(String command) throws Exception {
        Path out = temp.resolve("sh.out");
        Path err = temp.resolve("sh.err");
        Process process = new ProcessBuilder("sh", "-c", command).directory(ROOT.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
