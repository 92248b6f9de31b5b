package org.prismjava.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a run folder ({@code .lock} inside it), held while a run writes there:
 * a second {@code reconstruct} with the same folder, in this or another process, is refused
 * instead of interleaving its files with the first. The operating system releases the lock
 * when the process ends, however it ends; the empty lock file stays.
 */
final class RunLock implements AutoCloseable {
    static final String FILE = ".lock";
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks {@code folder} (which must exist), or explains that another run holds it. */
    static RunLock acquire(Path folder) throws IOException {
        FileChannel ch = FileChannel.open(folder.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            ch.close();
            throw new PrismCommand.UsageException("run folder " + folder + " is in use by another running prism"
                    + " reconstruct (it holds " + folder.resolve(FILE) + "); wait for it to finish, or choose another"
                    + " --name");
        }
        return new RunLock(ch, l);
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
