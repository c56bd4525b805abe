package io.streamfleet.simulator.domain.burst;

import java.util.concurrent.TimeUnit;

/**
 * How much the sender may have handed to the broker without an acknowledgement yet, by count and bytes. When Kafka is
 * slow the window fills, the sender stops taking from the outbox, and the outbox (not the producer) absorbs the burst.
 * The byte bound admits one record past it, so a record larger than the whole window still goes out alone.
 */
public final class InFlightWindow {

    private final int maxRecords;
    private final long maxBytes;
    private int records;
    private long bytes;

    public InFlightWindow(int maxRecords, long maxBytes) {
        if (maxRecords < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("a window holds at least one record and one byte");
        }
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
    }

    public synchronized boolean hasRoom() {
        return records < maxRecords && bytes < maxBytes;
    }

    /** Waits (the sender's thread only) until there is room; false on timeout. */
    public synchronized boolean awaitRoom(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (!hasRoom()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** How many more records may go out now (0 when the byte bound is reached). */
    public synchronized int room() {
        return bytes < maxBytes ? Math.max(0, maxRecords - records) : 0;
    }

    /** How many more bytes may go out now; the record that crosses the bound is still admitted. */
    public synchronized long byteRoom() {
        return Math.max(0, maxBytes - bytes);
    }

    public synchronized void acquire(int recordBytes) {
        records++;
        bytes += recordBytes;
    }

    public synchronized void release(int recordBytes) {
        boolean wasFull = !hasRoom();
        records--;
        bytes -= recordBytes;
        if (wasFull && hasRoom()) {
            // only the sender waits, and only on a full window
            notifyAll();
        }
    }

    public synchronized int records() {
        return records;
    }

    public synchronized long bytes() {
        return bytes;
    }
}
