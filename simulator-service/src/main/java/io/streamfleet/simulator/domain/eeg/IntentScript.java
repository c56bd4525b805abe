package io.streamfleet.simulator.domain.eeg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The looping sequence of commands a simulated wearer intends, e.g. {@code TAKEOFF:4s,FORWARD:4s,HOVER:3s,LAND:4s}.
 * Steps last whole milliseconds ({@code 4s}, {@code 1500ms}); after the last step the script starts over.
 */
public final class IntentScript {

    private static final Pattern STEP = Pattern.compile("\\s*([A-Za-z_]+)\\s*:\\s*(\\d+)\\s*(ms|s)\\s*");

    public record Step(MentalCommand command, long durationMillis) {
    }

    private final List<Step> steps;
    private final long lengthMillis;

    public IntentScript(List<Step> steps) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("an intent script needs at least one step");
        }
        for (Step step : steps) {
            if (step.durationMillis() <= 0) {
                throw new IllegalArgumentException("step " + step.command() + " must last longer than 0 ms");
            }
        }
        this.steps = List.copyOf(steps);
        this.lengthMillis = steps.stream().mapToLong(Step::durationMillis).sum();
    }

    /** Parses {@code COMMAND:<n>s|<n>ms,...}; command names are case-insensitive. */
    public static IntentScript parse(String text) {
        List<Step> steps = new ArrayList<>();
        for (String part : text.split(",")) {
            Matcher matcher = STEP.matcher(part);
            if (!matcher.matches()) {
                throw new IllegalArgumentException("intent script step '" + part.trim()
                        + "' is not COMMAND:<seconds>s or COMMAND:<millis>ms");
            }
            MentalCommand command;
            try {
                command = MentalCommand.valueOf(matcher.group(1).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("intent script step '" + part.trim() + "' names no command; one of "
                        + List.of(MentalCommand.values()), e);
            }
            long amount = Long.parseLong(matcher.group(2));
            steps.add(new Step(command, "s".equals(matcher.group(3)) ? amount * 1000 : amount));
        }
        return new IntentScript(steps);
    }

    public List<Step> steps() {
        return steps;
    }

    /** One pass through every step. */
    public long lengthMillis() {
        return lengthMillis;
    }

    /** The command intended {@code offsetMillis} after the script first started (it loops). */
    public MentalCommand commandAt(long offsetMillis) {
        long within = Math.floorMod(offsetMillis, lengthMillis);
        for (Step step : steps) {
            if (within < step.durationMillis()) {
                return step.command();
            }
            within -= step.durationMillis();
        }
        throw new IllegalStateException("unreachable: offset within the script's length");
    }
}
