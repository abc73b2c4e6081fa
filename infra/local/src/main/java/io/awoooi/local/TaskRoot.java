package io.awoooi.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** The folder a function runs from (Lambda's /var/task): its unzipped CodeUri. */
final class TaskRoot {

    private TaskRoot() {
    }

    /**
     * A folder CodeUri is used as it is; a zip is unzipped into a fresh {@code runDir/<logicalId>}.
     */
    static Path prepare(FunctionSpec spec, Path runDir) {
        Path code = spec.codeUri();
        if (Files.isDirectory(code)) {
            return code;
        }
        if (!Files.isRegularFile(code)) {
            throw new IllegalStateException(spec.logicalId() + ": its CodeUri " + code
                    + " does not exist: build the functions first (./awoooi build, or mvn -DskipTests install)");
        }
        Path dir = runDir.resolve(spec.logicalId()).toAbsolutePath().normalize();
        try {
            deleteRecursively(dir);
            Files.createDirectories(dir);
            unzip(code, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unzip " + code + " to " + dir, e);
        }
        return dir;
    }

    static void unzip(Path zipFile, Path dir) throws IOException {
        try (ZipFile zip = new ZipFile(zipFile.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path target = dir.resolve(entry.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException(zipFile + " has an entry outside its root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, target);
                    }
                }
            }
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
