package io.streamfleet.drone.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Iterator;

import org.jboss.logging.Logger;

/**
 * The command ids the Tello link has put on the air, kept in a file so that a replay of {@code drone-commands} after a
 * restart, a rebalance or a rewound offset never flies a move or fires an emergency twice. An id is written before its
 * command is sent: a crash in between loses that one command (the safe direction) rather than repeating it. Plain
 * writes without fsync survive a killed process (the page cache outlives it); a machine crash takes longer to recover
 * than the link's command age limit, which then refuses the replay on its own. The newest {@code capacity} ids are
 * kept; the file is compacted to them when it has grown to twice that.
 */
public final class SentCommandLog {

    private static final Logger LOG = Logger.getLogger(SentCommandLog.class);

    private final Path file;
    private final int capacity;
    private final LinkedHashSet<String> ids = new LinkedHashSet<>();
    private int linesInFile;

    public SentCommandLog(Path file, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.file = file;
        this.capacity = capacity;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        remember(line.trim());
                    }
                }
            }
            compact();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the sent-command log " + file, e);
        }
        LOG.infof("sent-command log %s: %d command ids remembered", file, ids.size());
    }

    /** True the first time an id is seen (and records it), false for an id already sent. */
    public synchronized boolean markSent(String commandId) {
        if (commandId.indexOf('\n') >= 0 || commandId.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("commandId must be one line");
        }
        if (ids.contains(commandId)) {
            return false;
        }
        try {
            Files.writeString(file, commandId + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND,
                    StandardOpenOption.CREATE);
            linesInFile++;
            remember(commandId);
            if (linesInFile >= 2 * capacity) {
                compact();
            }
        } catch (IOException e) {
            // Not sending is the safe answer when we cannot remember having sent.
            throw new UncheckedIOException("cannot record command " + commandId + " in " + file, e);
        }
        return true;
    }

    public synchronized boolean wasSent(String commandId) {
        return ids.contains(commandId);
    }

    private void remember(String id) {
        ids.remove(id);
        ids.add(id);
        Iterator<String> oldest = ids.iterator();
        while (ids.size() > capacity) {
            oldest.next();
            oldest.remove();
        }
    }

    private void compact() throws IOException {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.write(next, new ArrayList<>(ids), StandardCharsets.UTF_8);
        Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        linesInFile = ids.size();
    }

    public synchronized int size() {
        return ids.size();
    }
}
