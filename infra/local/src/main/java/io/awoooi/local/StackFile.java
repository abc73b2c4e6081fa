package io.awoooi.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * .awoooi/stack.json: how ./awoooi invoke|fault find the running stack. Ports and pid only, never
 * a token.
 */
record StackFile(long pid, String apiUrl, int controlPort, int dynamodbPort, int sqsPort, int secretsManagerPort,
        int kmsPort, List<String> functions, String startedAt) {

    static Path path(Path stateDir) {
        return stateDir.resolve("stack.json");
    }

    void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "stack", ".json");
            Files.write(temp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The file's content; empty when there is no file or it cannot be read. */
    static Optional<StackFile> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readValue(file.toFile(), StackFile.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether the process that wrote it still runs. */
    boolean alive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
