package org.prismjava.util;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Files that are either absent, the old version or the complete new version, never half
 * written: content goes to a temporary file beside the target, is forced to disk, and is moved
 * into place atomically (a plain replacing move where the file system has no atomic move).
 * Internal: public for the library's own packages and modules, not a supported API.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes a file's content to the path it is given. */
    @FunctionalInterface
    public interface Content {
        /** Writes everything to {@code file}. */
        void writeTo(Path file) throws IOException;
    }

    /** Replaces {@code target} with what {@code content} writes; creates the parent folders. */
    public static void write(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            content.writeTo(tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Replaces {@code target} with {@code text} in UTF-8. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, file -> Files.writeString(file, text, StandardCharsets.UTF_8));
    }

    /** Moves {@code from} over {@code to}, atomically where the file system can. */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
