package io.streamfleet.drone.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One state datagram the Tello pushes on UDP 8890, e.g.
 * {@code pitch:0;roll:0;yaw:0;vgx:0;vgy:0;vgz:0;templ:60;temph:63;tof:10;h:0;bat:87;baro:193.43;time:0;...}.
 */
public record TelloState(Map<String, String> fields) {

    public TelloState {
        fields = Map.copyOf(fields);
    }

    /** @throws IllegalArgumentException if the text holds no {@code key:value} pair */
    public static TelloState parse(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : text.trim().split(";")) {
            int colon = pair.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            fields.put(pair.substring(0, colon).trim(), pair.substring(colon + 1).trim());
        }
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("not a Tello state string: " + abbreviate(text));
        }
        return new TelloState(fields);
    }

    public OptionalInt batteryPercent() {
        return integer("bat");
    }

    /** Height above the takeoff point. */
    public OptionalInt heightCm() {
        return integer("h");
    }

    /** The mean of the lowest and highest temperature the drone reports. */
    public OptionalDouble temperatureC() {
        OptionalInt low = integer("templ");
        OptionalInt high = integer("temph");
        if (low.isEmpty() || high.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((low.getAsInt() + high.getAsInt()) / 2.0);
    }

    private OptionalInt integer(String key) {
        String value = fields.get(key);
        if (value == null) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of((int) Math.round(Double.parseDouble(value)));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
