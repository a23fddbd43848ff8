package dev.mtk.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtk.embed.MtkClient;
import dev.mtk.embed.MtkServer;
import dev.mtk.testing.ScriptFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A watched behaviour script: each change reloaded into the running server, or refused with the old one kept. */
class ScriptWatcherTest {
    @TempDir
    Path dir;
    private final BlockingQueue<String> reports = new LinkedBlockingQueue<>();
    private Path script;
    private MtkServer server;
    private ScriptWatcher watcher;
    private MtkClient client;

    @BeforeEach
    void start() throws Exception {
        script = ScriptFiles.write(dir, "answer.groovy", "onMessage { reply([answer: 1]) }");
        server = MtkServer.builder().profile("reply").script(script).start();
        watcher = ScriptWatcher.start(script, server, reports::add, kept -> reports.add("kept: " + kept));
        client = MtkClient.builder().port(server.port()).profile("reply").connect();
    }

    @AfterEach
    void stop() {
        client.close();
        watcher.close();
        server.close();
    }

    private String nextReport() throws InterruptedException {
        String report = reports.poll(10, TimeUnit.SECONDS);
        assertThat(report).as("a report within 10 s").isNotNull();
        return report;
    }

    @Test
    void aChangedScriptIsReloadedAndAConnectedClientsNextMessageMeetsIt() throws Exception {
        client.request(Map.of("n", 1));

        ScriptFiles.write(dir, "answer.groovy", "onMessage { reply([answer: 2]) }");

        assertThat(nextReport()).isEqualTo("reloaded " + script);
        assertThat(client.request(Map.of("n", 2)).value()).isEqualTo(Map.of("answer", 2));
    }

    @Test
    void aChangeThatDoesNotCompileKeepsTheOldBehaviourAndSaysWhere() throws Exception {
        ScriptFiles.write(dir, "answer.groovy", "// answers 2", "onMessage { reply(1 +) }");

        assertThat(nextReport()).startsWith("kept: kept the old behaviour: " + script + ":2:");
        assertThat(client.request(Map.of("n", 1)).value()).isEqualTo(Map.of("answer", 1));
    }

    @Test
    void aScriptSavedByRenamingANewFileOverItIsReloaded() throws Exception {
        Path saved = ScriptFiles.write(dir, "answer.groovy.tmp", "onMessage { reply([answer: 3]) }");

        Files.move(saved, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);

        assertThat(nextReport()).isEqualTo("reloaded " + script);
        assertThat(client.request(Map.of("n", 1)).value()).isEqualTo(Map.of("answer", 3));
    }
}
