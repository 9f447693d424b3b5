package dev.warren.app.manager;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a file, held for the manager's life, that keeps a second manager off a resource (its socket,
 * config store, ring log). The OS drops it when the process dies, however it dies, so it is never stale. The holder
 * writes its PID into the file, so that whoever is refused can be told which process to look at.
 */
final class InstanceLock implements Closeable {
    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock or fails at once.
     *
     * @param what what the lock guards, for the error ("the config store /var/lib/warren/tunnels")
     * @throws IOException another process (or another manager in this one) holds it
     */
    static InstanceLock acquire(Path file, String what) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by another manager in this very JVM
            }
            if (lock == null) {
                throw new IOException("another Warren manager is already running: " + holder(ch) + " holds " + file
                        + ", the lock of " + what);
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            return new InstanceLock(ch, lock);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** "process 1234" from the PID the holder wrote, or a vaguer phrase if the file does not hold one. */
    private static String holder(FileChannel ch) {
        try {
            ByteBuffer b = ByteBuffer.allocate(32);
            ch.read(b, 0);
            String pid = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).strip();
            if (pid.matches("[0-9]{1,19}")) {
                return "process " + pid;
            }
        } catch (IOException e) {
            // The PID is a courtesy; the refusal stands without it.
        }
        return "another process";
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
