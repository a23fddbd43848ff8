package dev.mtk.dist;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code bin/mtk server -p 0 -q ARGS} process and the port it chose, read from its first line ({@code listening on
 * 127.0.0.1:PORT ...}); closing it stops the server. Quiet, so its output does not fill the unread pipe.
 */
record StartedServer(Process process, String port) implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    static StartedServer start(Path mtk, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(mtk.toString(), "server", "-p", "0", "-q"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String first = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        Matcher port = LISTENING.matcher(String.valueOf(first));
        if (!port.find()) {
            process.destroyForcibly();
            throw new AssertionError("server did not start: " + first);
        }
        return new StartedServer(process, port.group(1));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
