package dev.mtk.admin;

import dev.mtk.embed.BehaviourException;
import dev.mtk.embed.MtkServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reloads a behaviour script into an {@link MtkServer} when its file changes ({@code mtk server --script FILE
 * --watch}); sessions stay connected and their next message meets the new behaviour.
 *
 * <p>The JDK's {@link WatchService} watches the file's folder, not the file: editors save by writing a new file and
 * renaming it over the old one, which a watch on the file itself would lose. One save often makes several events
 * (truncate, write, rename), so a change is acted on once the folder has been quiet for {@value #QUIET_MILLIS} ms,
 * and a file whose text has not changed, or that is empty (a save half done), is not reloaded. Each reload reports
 * one line: {@code reloaded FILE}, or {@code kept the old behaviour: FILE:LINE:COLUMN: message} when the new text
 * does not compile. The script is compiled and its top level run on the watcher's own thread, never on the server's
 * I/O threads.
 */
public final class ScriptWatcher implements AutoCloseable {
    static final long QUIET_MILLIS = 100;

    private final Path file;
    private final MtkServer server;
    private final Consumer<String> reloaded;
    private final Consumer<String> kept;
    private final WatchService watch;
    private final Thread thread;
    /** The text last loaded, read and written by the watcher's thread only. */
    private String loaded;

    private ScriptWatcher(Path file, MtkServer server, Consumer<String> reloaded, Consumer<String> kept,
            WatchService watch, String loaded) {
        this.file = file;
        this.server = server;
        this.reloaded = reloaded;
        this.kept = kept;
        this.watch = watch;
        this.loaded = loaded;
        this.thread = new Thread(this::run, "mtk-watch-" + file.getFileName());
        thread.setDaemon(true);
    }

    /**
     * Watches {@code file}, already loaded into {@code server}, until {@link #close()}.
     *
     * @param reloaded told {@code reloaded FILE} after each reload
     * @param kept     told {@code kept the old behaviour: FILE:LINE:COLUMN: message} for a change that failed
     * @throws IOException when the file's folder cannot be watched or the file read
     */
    public static ScriptWatcher start(Path file, MtkServer server, Consumer<String> reloaded, Consumer<String> kept)
            throws IOException {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(reloaded, "reloaded");
        Objects.requireNonNull(kept, "kept");
        Path folder = file.toAbsolutePath().getParent();
        String text = Files.readString(file, StandardCharsets.UTF_8);
        WatchService watch = folder.getFileSystem().newWatchService();
        try {
            folder.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException | RuntimeException e) {
            watch.close();
            throw e;
        }
        ScriptWatcher watcher = new ScriptWatcher(file, server, reloaded, kept, watch, text);
        watcher.thread.start();
        return watcher;
    }

    private void run() {
        try {
            while (true) {
                boolean changed = drain(watch.take());
                WatchKey more;
                while ((more = watch.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                    changed |= drain(more);
                }
                if (changed) {
                    reload();
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException closed) {
            // close(): the end of watching
        }
    }

    /** Whether {@code key}'s events touch the file (or were too many to tell); the key is made ready again. */
    private boolean drain(WatchKey key) {
        boolean ours = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            ours |= event.kind() == StandardWatchEventKinds.OVERFLOW || file.getFileName().equals(event.context());
        }
        key.reset();
        return ours;
    }

    private void reload() {
        try {
            if (!Files.isRegularFile(file)) {
                return; // between an editor's delete and its rename: the create that follows reloads it
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (text.isEmpty() || text.equals(loaded)) {
                // Empty is a save caught between its truncate and its write (seen under load in AdminIT): loading it
                // would put the exchange's default behaviour in for a moment. The write's own event follows.
                return;
            }
            server.replaceBehaviour(text, file.toString());
            loaded = text;
            reloaded.accept("reloaded " + file);
        } catch (BehaviourException failed) {
            kept.accept("kept the old behaviour: " + failed.getMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            kept.accept("kept the old behaviour: " + file + ": cannot read it: " + e.getMessage());
        } catch (Throwable e) {
            // A watcher that dies on one bad save would silently stop reloading: say so, keep watching.
            kept.accept("kept the old behaviour: " + file + ": " + e);
        }
    }

    /** Stops watching; the behaviour loaded last stays. */
    @Override
    public void close() {
        try {
            watch.close();
        } catch (IOException e) {
            // nothing is left to watch either way
        }
        thread.interrupt();
    }
}
