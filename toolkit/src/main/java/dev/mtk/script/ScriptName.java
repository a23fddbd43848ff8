package dev.mtk.script;

import java.nio.file.Path;

/**
 * A script's names: its file name, which the compiled classes carry in their stack frames, and its path as the user
 * wrote it, which reports show.
 *
 * @param fileName e.g. {@code kv-server.groovy}
 * @param shown    e.g. {@code scripts/kv-server.groovy}
 */
record ScriptName(String fileName, String shown) {

    static ScriptName of(Path file) {
        return new ScriptName(file.getFileName().toString(), file.toString());
    }
}
