package io.awoooi.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds the repository root: the directory that holds infra/sam/template.yaml. */
public final class RepoRoot {

    static final String TEMPLATE = "infra/sam/template.yaml";

    private RepoRoot() {
    }

    /**
     * Walks up from the system property maven.multiModuleProjectDirectory if set, else user.dir, to
     * the first directory containing infra/sam/template.yaml; clear IllegalStateException if none.
     * (If the property is set but leads nowhere, user.dir is tried too: IDEs set it to odd places.)
     */
    public static Path find() {
        List<Path> starts = new ArrayList<>();
        String mavenRoot = System.getProperty("maven.multiModuleProjectDirectory");
        if (mavenRoot != null && !mavenRoot.isBlank()) {
            starts.add(Path.of(mavenRoot));
        }
        starts.add(Path.of(System.getProperty("user.dir")));
        for (Path start : starts) {
            for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve(TEMPLATE))) {
                    return dir;
                }
            }
        }
        throw new IllegalStateException("cannot find the AWOOOI repository root: no " + TEMPLATE
                + " in " + starts + " or any parent; run from inside the repository");
    }

    /** The SAM template of the repository: the single source of truth for tables and queues. */
    public static Path template() {
        return find().resolve(TEMPLATE);
    }
}
