package io.streamfleet.simulator.domain.burst;

import static io.streamfleet.simulator.domain.burst.PriorityClass.IMAGE;
import static io.streamfleet.simulator.domain.burst.PriorityClass.SENSOR;
import static io.streamfleet.simulator.domain.burst.PriorityClass.TELEMETRY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class PriorityOutboxTest {

    private static int counter;

    private static PriorityOutbox.Entry<String> entry(PriorityClass priority, int bytes) {
        return new PriorityOutbox.Entry<>(priority.name(), priority, bytes, priority + "-" + counter++);
    }

    @Test
    void boundedByRecordCount() {
        PriorityOutbox<String> outbox = new PriorityOutbox<>(5, 1_000_000);
        int accepted = 0;
        for (int i = 0; i < 100; i++) {
            accepted += outbox.offer(entry(SENSOR, 10)).accepted() ? 1 : 0;
            assertTrue(outbox.records() <= 5);
        }
        assertEquals(5, accepted);
        assertEquals(5, outbox.records());
        assertEquals(50, outbox.bytes());
    }

    @Test
    void boundedByBytes() {
        PriorityOutbox<String> outbox = new PriorityOutbox<>(1_000, 1_000);
        int accepted = 0;
        for (int i = 0; i < 100; i++) {
            accepted += outbox.offer(entry(IMAGE, 300)).accepted() ? 1 : 0;
            assertTrue(outbox.bytes() <= 1_000);
        }
        assertEquals(3, accepted);
        assertEquals(900, outbox.bytes());
        assertFalse(outbox.offer(entry(TELEMETRY, 1_001)).accepted(), "a record larger than the whole outbox");
    }

    @Test
    void underPressureImagesGoFirstThenSensorsAndTelemetryStays() {
        PriorityOutbox<String> outbox = new PriorityOutbox<>(4, 1_000_000);
        outbox.offer(entry(IMAGE, 10));
        outbox.offer(entry(SENSOR, 10));
        outbox.offer(entry(IMAGE, 10));
        outbox.offer(entry(SENSOR, 10));

        List<PriorityClass> evicted = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            PriorityOutbox.Offer<String> offer = outbox.offer(entry(TELEMETRY, 10));
            assertTrue(offer.accepted());
            offer.evicted().forEach(e -> evicted.add(e.priority()));
        }
        assertEquals(List.of(IMAGE, IMAGE, SENSOR, SENSOR), evicted, "images before sensors");
        assertEquals(4, outbox.records(TELEMETRY));
        assertFalse(outbox.offer(entry(TELEMETRY, 10)).accepted(), "nothing less important left: refused");
        assertFalse(outbox.offer(entry(IMAGE, 10)).accepted());
        assertEquals(4, outbox.records(TELEMETRY), "telemetry never gives way to less important records");
    }

    @Test
    void aSensorSampleEvictsImagesButNeverTelemetry() {
        PriorityOutbox<String> outbox = new PriorityOutbox<>(2, 1_000_000);
        outbox.offer(entry(TELEMETRY, 10));
        outbox.offer(entry(IMAGE, 10));
        PriorityOutbox.Offer<String> first = outbox.offer(entry(SENSOR, 10));
        assertTrue(first.accepted());
        assertEquals(IMAGE, first.evicted().get(0).priority());
        assertFalse(outbox.offer(entry(SENSOR, 10)).accepted(), "same class does not evict its own");
        assertEquals(1, outbox.records(TELEMETRY));
    }

    @Test
    void evictionForBytesTakesAsManyLesserRecordsAsNeededOrNone() {
        PriorityOutbox<String> outbox = new PriorityOutbox<>(100, 1_000);
        outbox.offer(entry(IMAGE, 300));
        outbox.offer(entry(IMAGE, 300));
        outbox.offer(entry(TELEMETRY, 300));
        PriorityOutbox.Offer<String> big = outbox.offer(entry(SENSOR, 650));
        assertTrue(big.accepted());
        assertEquals(2, big.evicted().size());
        assertEquals(950, outbox.bytes());

        PriorityOutbox.Offer<String> tooBig = outbox.offer(entry(SENSOR, 800));
        assertFalse(tooBig.accepted());
        assertTrue(tooBig.evicted().isEmpty(), "nothing is evicted in vain");
        assertEquals(950, outbox.bytes());
    }

    @Test
    void takesHighestPriorityFirstAndOldestFirstWithinAClass() {
        PriorityOutbox<String> outbox = new PriorityOutbox<>(10, 1_000);
        PriorityOutbox.Entry<String> image = entry(IMAGE, 1);
        PriorityOutbox.Entry<String> sensorA = entry(SENSOR, 1);
        PriorityOutbox.Entry<String> telemetry = entry(TELEMETRY, 1);
        PriorityOutbox.Entry<String> sensorB = entry(SENSOR, 1);
        List.of(image, sensorA, telemetry, sensorB).forEach(outbox::offer);
        assertEquals(telemetry, outbox.poll());
        assertEquals(sensorA, outbox.poll());
        assertEquals(sensorB, outbox.poll());
        assertEquals(image, outbox.poll());
        assertNull(outbox.poll());
        assertEquals(0, outbox.bytes());
    }

    @Test
    void drainingTakesABatchInPriorityOrderWithinACountAndByteBudget() throws InterruptedException {
        PriorityOutbox<String> outbox = new PriorityOutbox<>(100, 100_000);
        outbox.offer(entry(IMAGE, 1_000));
        outbox.offer(entry(SENSOR, 10));
        outbox.offer(entry(TELEMETRY, 10));
        outbox.offer(entry(IMAGE, 1_000));
        List<PriorityOutbox.Entry<String>> batch = new ArrayList<>();
        assertEquals(3, outbox.drainTo(batch, 10, 1_000, 1, TimeUnit.MILLISECONDS), "stops after the entry crossing 1,000 B");
        assertEquals(List.of(TELEMETRY, SENSOR, IMAGE), batch.stream().map(PriorityOutbox.Entry::priority).toList());
        batch.clear();
        assertEquals(1, outbox.drainTo(batch, 1, 100_000, 1, TimeUnit.MILLISECONDS));
        assertEquals(0, outbox.drainTo(batch, 10, 100_000, 1, TimeUnit.MILLISECONDS), "empty: waits out the timeout");
    }

    @Test
    void offeringNeverWaitsEvenWhenFullAndTheConsumerIsBlocked() throws Exception {
        PriorityOutbox<String> outbox = new PriorityOutbox<>(10, 1_000);
        CountDownLatch consumerWaiting = new CountDownLatch(1);
        // nobody takes records out: a full outbox answers "refused" at once instead of waiting for room
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (int i = 0; i < 100_000; i++) {
                outbox.offer(entry(SENSOR, 1));
            }
        });
        assertEquals(10, outbox.records());

        PriorityOutbox<String> empty = new PriorityOutbox<>(10, 1_000);
        Thread consumer = new Thread(() -> {
            consumerWaiting.countDown();
            try {
                empty.poll(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        consumer.start();
        consumerWaiting.await();
        // a consumer waiting for records does not hold the producer up either
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertTrue(empty.offer(entry(IMAGE, 1)).accepted()));
        consumer.join(10_000);
        assertFalse(consumer.isAlive(), "the waiting consumer was woken by the offer");
    }
}
