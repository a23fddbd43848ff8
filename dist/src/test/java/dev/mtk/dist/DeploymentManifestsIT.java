package dev.mtk.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * deploy/kubernetes/ read as a cluster and a container builder would: the Job runs the image the guide builds, with
 * the entrypoint the Dockerfile sets, one shard per index, all from one start time, with the scenario its
 * ConfigMap mounts; the Dockerfile copies the folder the dist build makes. No Docker engine or cluster is reachable
 * from the machines that run this, so these are the checks that can be made here; BenchJobRunIT runs the Job's
 * command line as local processes.
 */
class DeploymentManifestsIT {
    private static final Path ROOT = Path.of(System.getProperty("mtk.root")).toAbsolutePath().normalize();
    private static final Path DEPLOY = ROOT.resolve("deploy/kubernetes");
    /** {@code docker build ... -t IMAGE .} in the guide. */
    private static final Pattern BUILD = Pattern.compile("^docker build .*-t (\\S+) \\.$", Pattern.MULTILINE);
    /** {@code docker push IMAGE} in the guide. */
    private static final Pattern PUSH = Pattern.compile("^docker push (\\S+)$", Pattern.MULTILINE);
    /** {@code envsubst '$A $B'} in the guide: the variables it is allowed to fill in. */
    private static final Pattern ENVSUBST = Pattern.compile("envsubst '([^']*)' < deploy/kubernetes/bench-job\\.yaml");

    private static BenchJob job() throws IOException {
        return BenchJob.read(DEPLOY.resolve("bench-job.yaml"));
    }

    private static Dockerfile dockerfile() throws IOException {
        return Dockerfile.read(DEPLOY.resolve("Dockerfile"));
    }

    private static String guide() throws IOException {
        return Files.readString(DEPLOY.resolve("README.md"), StandardCharsets.UTF_8);
    }

    @Test
    void jobRunsTheImageTheGuideBuildsAndPushes() throws IOException {
        Matcher build = BUILD.matcher(guide());
        Matcher push = PUSH.matcher(guide());

        assertThat(build.find()).as("the guide's docker build -t IMAGE .").isTrue();
        assertThat(push.find()).as("the guide's docker push IMAGE").isTrue();
        assertThat(job().container().get("image")).isEqualTo(build.group(1)).isEqualTo(push.group(1));
    }

    @Test
    void imageIsTaggedWithTheProjectsVersion() throws Exception {
        assertThat(String.valueOf(job().container().get("image"))).endsWith(":" + projectVersion());
    }

    @Test
    void jobRunsTheEntrypointTheDockerfileSets() throws IOException {
        BenchJob job = job();

        assertThat(job.command()).isEqualTo(dockerfile().entrypoint());
        assertThat(job.args()).startsWith("bench");
    }

    @Test
    void eachIndexRunsItsOwnShardOfAsManyAsTheJobHas() throws IOException {
        BenchJob job = job();
        Map<String, Object> spec = job.jobSpec();

        assertThat(spec.get("completionMode")).isEqualTo("Indexed");
        assertThat(spec.get("parallelism")).as("parallelism: every shard at once").isEqualTo(spec.get("completions"));
        assertThat(job.argAfter("--shard")).isEqualTo("$(JOB_COMPLETION_INDEX)/" + spec.get("completions"));
    }

    @Test
    void everyShardStartsAtTheOneTimeTheJobIsGiven() throws IOException {
        BenchJob job = job();

        assertThat(job.argAfter("--start-at")).isEqualTo("$(START_AT)");
        assertThat(job.env().get("START_AT")).as("env START_AT").isNotNull()
                .containsEntry("value", "${START_AT}");
    }

    @Test
    void everyVariableTheCommandLineNamesIsInTheContainersEnv() throws IOException {
        BenchJob job = job();
        List<String> named = new ArrayList<>();
        for (String word : job.args()) {
            Matcher reference = BenchJob.REFERENCE.matcher(word);
            while (reference.find()) {
                named.add(reference.group(1));
            }
        }

        // Kubernetes leaves a $(NAME) it cannot resolve as it is: mtk would be given the words "$(NAME)".
        assertThat(named).contains("JOB_COMPLETION_INDEX", "START_AT", "TARGET");
        assertThat(job.env().keySet()).containsAll(named);
        assertThat(String.valueOf(job.env().get("JOB_COMPLETION_INDEX").get("valueFrom")))
                .contains("metadata.annotations['batch.kubernetes.io/job-completion-index']");
    }

    @Test
    void theGuideFillsInEveryPlaceholderOfTheManifestAndNothingElse() throws IOException {
        Matcher envsubst = ENVSUBST.matcher(guide());

        assertThat(envsubst.find()).as("the guide's envsubst '$NAME ...' < deploy/kubernetes/bench-job.yaml").isTrue();
        List<String> filled = Arrays.stream(envsubst.group(1).trim().split("\\s+"))
                .map(name -> name.replaceFirst("^\\$\\{?", "").replaceFirst("}$", "")).toList();
        // Without the list envsubst would also empty every ${...} of the Groovy scenario in the ConfigMap.
        assertThat(filled).containsExactlyInAnyOrderElementsOf(job().placeholders());
        assertThat(job().env().get("TARGET")).as("env TARGET").containsEntry("value", "${TARGET}");
    }

    @Test
    void scenarioTheCommandLineNamesIsTheConfigMapsFileMountedThere() throws IOException {
        BenchJob job = job();
        String scenario = job.argAfter("--scenario");
        Map<String, Object> mount = BenchJob.list(job.container().get("volumeMounts"), "volumeMounts").stream()
                .map(entry -> BenchJob.map(entry, "a volume mount"))
                .filter(entry -> scenario.startsWith(entry.get("mountPath") + "/"))
                .findFirst().orElseThrow(() -> new AssertionError("no volume mounted above " + scenario));
        Map<String, Object> volume = BenchJob.list(job.podSpec().get("volumes"), "volumes").stream()
                .map(entry -> BenchJob.map(entry, "a volume"))
                .filter(entry -> entry.get("name").equals(mount.get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no volume named " + mount.get("name")));

        assertThat(BenchJob.map(volume.get("configMap"), "the volume's configMap").get("name"))
                .isEqualTo(job.configMapName());
        assertThat(job.configMapData())
                .containsKey(scenario.substring(String.valueOf(mount.get("mountPath")).length() + 1));
    }

    @Test
    void aShardThatFailsIsNotRunAgain() throws IOException {
        BenchJob job = job();

        assertThat(job.jobSpec().get("backoffLimit")).isEqualTo(0);
        assertThat(job.podSpec().get("restartPolicy")).isEqualTo("Never");
        assertThat(job.jobSpec().get("ttlSecondsAfterFinished")).as("time to collect the logs").isNotNull();
    }

    @Test
    void everyShardHasTheProcessorAndMemoryItRequestsAsItsLimit() throws IOException {
        Map<String, Object> resources = BenchJob.map(job().container().get("resources"), "resources");

        assertThat(resources.get("requests")).isNotNull().isEqualTo(resources.get("limits"));
    }

    @Test
    void dockerfileCopiesTheFolderTheDistBuildUnpacks() throws Exception {
        Dockerfile dockerfile = dockerfile();
        String[] copy = dockerfile.substitute(dockerfile.one("COPY")).split("\\s+");
        String folder = "dist/target/" + distFinalName() + "/";

        assertThat(copy).containsExactly(folder, "/opt/mtk/");
        assertThat(ROOT.resolve(folder).resolve("bin/mtk")).as("the build's launcher").isExecutable();
        assertThat(ROOT.resolve(folder).resolve("lib")).isDirectory();
        assertThat(dockerfile.entrypoint()).containsExactly("/opt/mtk/bin/mtk");
    }

    @Test
    void buildContextSendsTheDistributionWithoutTheLaunchersCache() throws IOException {
        List<String> ignore = Files.readAllLines(ROOT.resolve(".dockerignore"), StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();

        assertThat(ignore).containsSubsequence("*", "!dist/target/mtk-*/", "dist/target/mtk-*.tar.gz",
                "dist/target/mtk-*/cache/");
    }

    @Test
    void containerRunsAsTheNonRootUserTheJobAsksFor() throws IOException {
        String user = dockerfile().one("USER").split(":")[0];
        Map<String, Object> security = BenchJob.map(job().podSpec().get("securityContext"), "securityContext");

        assertThat(user).matches("[1-9][0-9]*");
        assertThat(security).containsEntry("runAsNonRoot", true).containsEntry("runAsUser", Integer.valueOf(user));
    }

    @Test
    void baseImageIsTheOfficialJava17RuntimePinnedToARelease() throws IOException {
        assertThat(dockerfile().one("FROM")).matches("eclipse-temurin:17\\.\\d+\\.\\d+(\\.\\d+)?_\\d+-jre-[a-z]+");
    }

    /** The dist POM's assembly finalName with {@code ${project.version}} resolved, as Maven names the folder. */
    private static String distFinalName() throws Exception {
        Element pom = pom(ROOT.resolve("dist/pom.xml"));
        NodeList names = pom.getElementsByTagName("finalName");
        assertThat(names.getLength()).as("finalName in dist/pom.xml").isEqualTo(1);
        return names.item(0).getTextContent().trim().replace("${project.version}", projectVersion());
    }

    /** The version dist/pom.xml inherits from its parent, as it declares none of its own. */
    private static String projectVersion() throws Exception {
        Element pom = pom(ROOT.resolve("dist/pom.xml"));
        assertThat(child(pom, "version")).as("dist/pom.xml declares no version of its own").isNull();
        return child((Element) pom.getElementsByTagName("parent").item(0), "version").getTextContent().trim();
    }

    private static Element pom(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile()).getDocumentElement();
    }

    private static Element child(Element parent, String name) {
        for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        return null;
    }
}
