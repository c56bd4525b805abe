package io.streamfleet.deploy.k8s;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Renders deploy/k8s kustomizations with {@code kubectl kustomize}, the tool users apply them with. kubectl is
 * required: without it the manifest tests fail, they are never skipped.
 */
final class Kustomize {

    static final Path REPO = Path.of("").toAbsolutePath().getParent();
    static final Path K8S = REPO.resolve("deploy/k8s");

    private Kustomize() {
    }

    /** The rendered YAML of one kustomization directory; fails the test with kubectl's message on any error. */
    static String render(Path kustomization) {
        List<String> command = List.of(kubectl().toString(), "kustomize", kustomization.toString());
        try {
            Process process = new ProcessBuilder(command).start();
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            String stdout = read(process.getInputStream());
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within 2 minutes");
            }
            if (process.exitValue() != 0) {
                fail(String.join(" ", command) + " failed (exit " + process.exitValue() + "):\n" + stderr.join());
            }
            return stdout;
        } catch (IOException e) {
            return fail("could not run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running kubectl kustomize", e);
        }
    }

    /**
     * An overlay with optional components added, the way a user adds them to the overlay's kustomization.yaml
     * ({@code components:}): rendered from a kustomization written under target/.
     */
    static String render(String overlay, String namespace, String... components) {
        Path dir = REPO.resolve("deploy/target/kustomize").resolve(overlay + "+" + String.join("+", components));
        Path overlayDir = K8S.resolve("overlays").resolve(overlay);
        List<String> lines = new ArrayList<>(List.of(
                "apiVersion: kustomize.config.k8s.io/v1beta1",
                "kind: Kustomization",
                "namespace: " + namespace,
                "resources:",
                "  - " + dir.relativize(overlayDir),
                "components:"));
        for (String component : components) {
            lines.add("  - " + dir.relativize(K8S.resolve("components").resolve(component)));
        }
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve("kustomization.yaml"), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            fail("could not write " + dir, e);
        }
        return render(dir);
    }

    /** kubectl from $KUBECTL or the PATH. */
    static Path kubectl() {
        String configured = System.getenv("KUBECTL");
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            if (!Files.isExecutable(path)) {
                fail("KUBECTL=" + configured + " is not an executable file");
            }
            return path;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return fail("kubectl is not on the PATH: the deploy/k8s manifest tests need it to render the kustomizations "
                + "(`kubectl kustomize`, no cluster needed). Install kubectl (e.g. the Debian package kubernetes-client "
                + "or a kubectl binary) or point the KUBECTL environment variable at one.");
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
