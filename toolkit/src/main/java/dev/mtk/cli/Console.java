package dev.mtk.cli;

import java.io.File;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a command runs in: its streams, whether standard input is a terminal (the launcher tells, with
 * {@code -Dmtk.stdin.tty}; Java alone cannot ask), the environment, and the distribution's home folder
 * ({@code -Dmtk.home}, absent when run from the classes alone).
 */
public record Console(InputStream in, PrintStream out, PrintStream err, boolean stdinTerminal, Map<String, String> env,
        Path home) {

    public Console {
        env = Map.copyOf(env);
    }

    public static Console system() {
        String tty = System.getProperty("mtk.stdin.tty");
        boolean terminal = tty == null ? System.console() != null : Boolean.parseBoolean(tty);
        String home = System.getProperty("mtk.home");
        return new Console(System.in, System.out, System.err, terminal, System.getenv(),
                home == null ? null : Path.of(home));
    }

    /**
     * Where plugin jars are looked for, in order: the distribution's {@code plugins/}, each of {@code extra}
     * (the {@code --plugins} values), then {@code MTK_PLUGINS}; each value may list several folders separated by
     * the platform's path separator.
     */
    List<Path> pluginFolders(String[] extra) {
        List<Path> folders = new ArrayList<>();
        if (home != null) {
            folders.add(home.resolve("plugins"));
        }
        if (extra != null) {
            for (String value : extra) {
                split(value, folders);
            }
        }
        split(env.get("MTK_PLUGINS"), folders);
        return folders;
    }

    private static void split(String value, List<Path> folders) {
        if (value == null) {
            return;
        }
        for (String folder : value.split(File.pathSeparator)) {
            if (!folder.isBlank()) {
                folders.add(Path.of(folder.trim()));
            }
        }
    }
}
