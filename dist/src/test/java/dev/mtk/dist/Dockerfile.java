package dev.mtk.dist;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile's instructions, read as the builder reads them: comments dropped, lines ended by a backslash joined,
 * {@code ${NAME}} replaced by the default of {@code ARG NAME=...}. Enough for deploy/kubernetes/Dockerfile, which
 * DeploymentManifestsIT checks; no Docker engine runs where the tests do.
 */
final class Dockerfile {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    /** One instruction: its keyword in upper case and the rest of its line(s). */
    record Instruction(String keyword, String argument) {
    }

    private final List<Instruction> instructions;

    private Dockerfile(List<Instruction> instructions) {
        this.instructions = instructions;
    }

    static Dockerfile read(Path file) throws IOException {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && pending.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            String whole = pending.append(trimmed).toString().strip();
            pending.setLength(0);
            String[] parts = whole.split("\\s+", 2);
            instructions.add(new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : ""));
        }
        return new Dockerfile(instructions);
    }

    /** The arguments of every {@code keyword} instruction, in order. */
    List<String> all(String keyword) {
        return instructions.stream().filter(instruction -> instruction.keyword().equals(keyword))
                .map(Instruction::argument).toList();
    }

    /** The argument of the one {@code keyword} instruction; fails when there is none or more than one. */
    String one(String keyword) {
        List<String> found = all(keyword);
        if (found.size() != 1) {
            throw new AssertionError("one " + keyword + " expected in the Dockerfile, found " + found);
        }
        return found.get(0);
    }

    /** The default {@code ARG name=DEFAULT} gives; fails when the ARG is missing or has none. */
    String argDefault(String name) {
        for (String arg : all("ARG")) {
            if (arg.startsWith(name + "=")) {
                return arg.substring(name.length() + 1);
            }
        }
        throw new AssertionError("no ARG " + name + "=DEFAULT in the Dockerfile: " + all("ARG"));
    }

    /** {@code text} with each {@code ${NAME}} replaced by the default of its ARG. */
    String substitute(String text) {
        Matcher variable = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (variable.find()) {
            variable.appendReplacement(out, Matcher.quoteReplacement(argDefault(variable.group(1))));
        }
        return variable.appendTail(out).toString();
    }

    /** The exec form of ENTRYPOINT (a JSON array); fails on the shell form, which would not pass args on. */
    List<String> entrypoint() throws IOException {
        String entrypoint = one("ENTRYPOINT");
        if (!entrypoint.startsWith("[")) {
            throw new AssertionError("ENTRYPOINT in shell form ignores the Job's args: " + entrypoint);
        }
        return JsonMapper.builder().build().readValue(entrypoint, new TypeReference<List<String>>() { });
    }
}
