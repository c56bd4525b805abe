package io.streamfleet.simulator.domain.burst;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The records every source has accepted but the broker has not yet taken, bounded by a record count and a byte
 * count. Offering never waits: when the outbox is full a newcomer evicts the oldest entries of lower priority classes
 * (images first, then sensor samples) if that makes room, and is refused otherwise. Entries leave highest priority
 * first, oldest first within a class. Only the consumer (the sender) waits, in {@link #poll(long, TimeUnit)}.
 *
 * @param <T> what an entry carries
 */
public final class PriorityOutbox<T> {

    /** One queued record: its stream and class decide who pays under pressure; {@code bytes} counts against the bound. */
    public record Entry<T>(String stream, PriorityClass priority, int bytes, T payload) {
    }

    /** What happened to an offer: accepted or not, and which queued entries were evicted to make room for it. */
    public record Offer<T>(boolean accepted, List<Entry<T>> evicted) {
    }

    private final int maxRecords;
    private final long maxBytes;
    private final Map<PriorityClass, ArrayDeque<Entry<T>>> queues = new EnumMap<>(PriorityClass.class);
    private final Map<PriorityClass, Long> bytesByClass = new EnumMap<>(PriorityClass.class);
    private int records;
    private long bytes;

    public PriorityOutbox(int maxRecords, long maxBytes) {
        if (maxRecords < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("an outbox holds at least one record and one byte");
        }
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
        for (PriorityClass priority : PriorityClass.values()) {
            queues.put(priority, new ArrayDeque<>());
            bytesByClass.put(priority, 0L);
        }
    }

    public synchronized Offer<T> offer(Entry<T> entry) {
        if (entry.bytes() > maxBytes || !couldFitByEvicting(entry)) {
            return new Offer<>(false, List.of());
        }
        List<Entry<T>> evicted = new ArrayList<>();
        while (!fits(entry)) {
            evicted.add(evictOneBelow(entry.priority()));
        }
        queues.get(entry.priority()).addLast(entry);
        account(entry, +1);
        if (records == 1) {
            // only the sender waits, and only on an empty outbox
            notifyAll();
        }
        return new Offer<>(true, evicted);
    }

    /** The next entry, highest priority first, or null if none arrives within the timeout. */
    public synchronized Entry<T> poll(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (records == 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return poll();
    }

    /**
     * Waits up to the timeout for entries, then moves up to {@code max} of them into {@code into}, highest priority
     * first, stopping after the entry that reaches {@code maxBytes}; one lock round trip for a whole batch keeps the
     * sender cheap at high rates. Returns how many moved.
     */
    public synchronized int drainTo(List<Entry<T>> into, int max, long maxBytes, long timeout, TimeUnit unit)
            throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (records == 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return 0;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        int moved = 0;
        long movedBytes = 0;
        Entry<T> entry;
        while (moved < max && movedBytes < maxBytes && (entry = poll()) != null) {
            into.add(entry);
            moved++;
            movedBytes += entry.bytes();
        }
        return moved;
    }

    /** The next entry, highest priority first, or null when empty. */
    public synchronized Entry<T> poll() {
        for (PriorityClass priority : PriorityClass.values()) {
            Entry<T> entry = queues.get(priority).pollFirst();
            if (entry != null) {
                account(entry, -1);
                return entry;
            }
        }
        return null;
    }

    public synchronized int records() {
        return records;
    }

    public synchronized long bytes() {
        return bytes;
    }

    public synchronized int records(PriorityClass priority) {
        return queues.get(priority).size();
    }

    public int maxRecords() {
        return maxRecords;
    }

    public long maxBytes() {
        return maxBytes;
    }

    private boolean fits(Entry<T> entry) {
        return records + 1 <= maxRecords && bytes + entry.bytes() <= maxBytes;
    }

    /** Whether evicting every lower-priority entry would make room; checked first so nothing is evicted in vain. */
    private boolean couldFitByEvicting(Entry<T> entry) {
        int freeableRecords = 0;
        long freeableBytes = 0;
        for (PriorityClass priority : PriorityClass.values()) {
            if (priority.yieldsTo(entry.priority())) {
                freeableRecords += queues.get(priority).size();
                freeableBytes += bytesByClass.get(priority);
            }
        }
        return records - freeableRecords + 1 <= maxRecords && bytes - freeableBytes + entry.bytes() <= maxBytes;
    }

    /** Removes the oldest entry of the lowest non-empty class below {@code priority}: stale images go first. */
    private Entry<T> evictOneBelow(PriorityClass priority) {
        PriorityClass[] classes = PriorityClass.values();
        for (int i = classes.length - 1; i >= 0; i--) {
            if (classes[i].yieldsTo(priority) && !queues.get(classes[i]).isEmpty()) {
                Entry<T> victim = queues.get(classes[i]).pollFirst();
                account(victim, -1);
                return victim;
            }
        }
        throw new IllegalStateException("nothing left to evict below " + priority);
    }

    private void account(Entry<T> entry, int sign) {
        records += sign;
        bytes += sign * (long) entry.bytes();
        bytesByClass.merge(entry.priority(), sign * (long) entry.bytes(), Long::sum);
    }
}
