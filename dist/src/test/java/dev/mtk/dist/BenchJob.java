package dev.mtk.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * deploy/kubernetes/bench-job.yaml read as Kubernetes reads it: its ConfigMap, its Job and the Job's one container,
 * with the two expansions a run goes through, envsubst's {@code ${NAME}} when it is applied and the kubelet's
 * {@code $(NAME)} when each pod starts.
 */
final class BenchJob {
    /** envsubst's placeholders: {@code ${NAME}}. */
    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    /** Kubernetes' references to the container's environment in command and args: {@code $(NAME)}. */
    static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    private final String text;
    private final Map<String, Object> configMap;
    private final Map<String, Object> job;

    private BenchJob(String text, List<Map<String, Object>> documents) {
        this.text = text;
        this.configMap = only(documents, "ConfigMap");
        this.job = only(documents, "Job");
    }

    static BenchJob read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<Map<String, Object>> documents = new ArrayList<>();
        // SafeConstructor: plain maps, lists and scalars, never a class named by a tag in the file.
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
            documents.add(map(document, "a document of " + file));
        }
        return new BenchJob(text, documents);
    }

    /** The file as written, before envsubst. */
    String text() {
        return text;
    }

    /** The names envsubst must fill in: every {@code ${NAME}} in the file. */
    List<String> placeholders() {
        List<String> names = new ArrayList<>();
        Matcher placeholder = PLACEHOLDER.matcher(text);
        while (placeholder.find()) {
            if (!names.contains(placeholder.group(1))) {
                names.add(placeholder.group(1));
            }
        }
        return names;
    }

    Map<String, Object> jobSpec() {
        return map(job.get("spec"), "the Job's spec");
    }

    Map<String, Object> podSpec() {
        return map(map(jobSpec().get("template"), "the Job's template").get("spec"), "the pod's spec");
    }

    Map<String, Object> container() {
        List<Object> containers = list(podSpec().get("containers"), "the pod's containers");
        if (containers.size() != 1) {
            throw new AssertionError("one container expected in the Job's pod, found " + containers.size());
        }
        return map(containers.get(0), "the container");
    }

    List<String> command() {
        return strings(container().get("command"), "the container's command");
    }

    List<String> args() {
        return strings(container().get("args"), "the container's args");
    }

    /** The argument after {@code option} in args; fails when args do not have it. */
    String argAfter(String option) {
        List<String> args = args();
        int at = args.indexOf(option);
        if (at < 0 || at == args.size() - 1) {
            throw new AssertionError("args have no " + option + " VALUE: " + args);
        }
        return args.get(at + 1);
    }

    /** The container's env entries by name: each a map with {@code value} or {@code valueFrom}. */
    Map<String, Map<String, Object>> env() {
        Map<String, Map<String, Object>> env = new LinkedHashMap<>();
        for (Object entry : list(container().get("env"), "the container's env")) {
            Map<String, Object> variable = map(entry, "an env entry");
            env.put(String.valueOf(variable.get("name")), variable);
        }
        return env;
    }

    /** The ConfigMap's files, by key. */
    Map<String, Object> configMapData() {
        return map(configMap.get("data"), "the ConfigMap's data");
    }

    String configMapName() {
        return String.valueOf(map(configMap.get("metadata"), "the ConfigMap's metadata").get("name"));
    }

    /** {@code text} with each {@code $(NAME)} replaced by {@code values}' NAME, as the kubelet expands args. */
    static String expand(String text, Map<String, String> values) {
        Matcher reference = REFERENCE.matcher(text);
        StringBuilder expanded = new StringBuilder();
        while (reference.find()) {
            String value = values.get(reference.group(1));
            if (value == null) {
                throw new AssertionError("nothing defines " + reference.group() + " in " + text);
            }
            reference.appendReplacement(expanded, Matcher.quoteReplacement(value));
        }
        return reference.appendTail(expanded).toString();
    }

    private static Map<String, Object> only(List<Map<String, Object>> documents, String kind) {
        List<Map<String, Object>> found = documents.stream().filter(document -> kind.equals(document.get("kind"))).toList();
        if (found.size() != 1) {
            throw new AssertionError("one " + kind + " expected in bench-job.yaml, found " + found.size());
        }
        return found.get(0);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String what) {
        if (!(value instanceof Map)) {
            throw new AssertionError(what + " is not a mapping: " + value);
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value, String what) {
        if (!(value instanceof List)) {
            throw new AssertionError(what + " is not a list: " + value);
        }
        return (List<Object>) value;
    }

    static List<String> strings(Object value, String what) {
        return list(value, what).stream().map(String::valueOf).toList();
    }
}
