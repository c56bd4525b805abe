package io.streamfleet.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The accounting of one fault test: which records were accepted (acknowledged to the producer or answered 2xx), how
 * often each record id was found downstream, and how long the pipeline took to deliver again. Prints one row of the
 * fault table (also appended to {@code target/fault-table.md}) and asserts nothing accepted was lost or duplicated.
 */
record FaultOutcome(String fault, Set<String> accepted, Map<String, Integer> storedCopies, Duration recovery) {

    private static final Path TABLE = Path.of("target", "fault-table.md");

    long stored() {
        return storedCopies.size();
    }

    Set<String> lostIds() {
        Set<String> lost = new TreeSet<>(accepted);
        lost.removeAll(storedCopies.keySet());
        return lost;
    }

    /** Extra copies: a record stored three times counts two. */
    long duplicated() {
        return storedCopies.values().stream().mapToLong(copies -> copies - 1L).sum();
    }

    String row() {
        return String.format(Locale.ROOT, "FAULT | %s | accepted %d | stored %d | lost %d | duplicated %d | recovery %.1f s",
                fault, accepted.size(), stored(), lostIds().size(), duplicated(), recovery.toMillis() / 1000.0);
    }

    /** Prints and records the row; then fails if any accepted record is missing or any record is stored twice. */
    FaultOutcome report() {
        String row = row();
        System.out.println(row);
        try {
            Files.createDirectories(TABLE.getParent());
            Files.writeString(TABLE, row + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertTrue(accepted.size() > 0, fault + ": the load was accepted at all");
        assertEquals(Set.of(), sample(lostIds()), fault + ": accepted records missing downstream");
        return this;
    }

    FaultOutcome assertNoDuplicates() {
        assertEquals(0, duplicated(), fault + ": records stored more than once: " + sample(storedCopies.entrySet()
                .stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList()));
        return this;
    }

    FaultOutcome assertRecoveredWithin(Duration bound) {
        assertTrue(recovery.compareTo(bound) <= 0,
                fault + ": delivered again after " + recovery.toMillis() + " ms, bound " + bound.toMillis() + " ms");
        return this;
    }

    private static Set<String> sample(Collection<String> ids) {
        return new TreeSet<>(ids.stream().limit(10).toList());
    }

    /** A duration system property such as {@code -Dfaults.mongo-outage=60s} (s or ms), or the CI default. */
    static Duration durationProperty(String name, Duration ciDefault) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            return ciDefault;
        }
        value = value.trim().toLowerCase(Locale.ROOT);
        return value.endsWith("ms") ? Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)))
                : Duration.ofSeconds(Long.parseLong(value.replaceFirst("s$", "")));
    }

    static int intProperty(String name, int ciDefault) {
        return Integer.getInteger(name, ciDefault);
    }
}
