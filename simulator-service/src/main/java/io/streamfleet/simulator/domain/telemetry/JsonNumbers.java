package io.streamfleet.simulator.domain.telemetry;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Numbers as Python's {@code json.dumps(round(x, n))} prints them: plain decimal, at least one fraction digit. */
public final class JsonNumbers {

    private JsonNumbers() {
    }

    public static String rounded(double value, int decimals) {
        BigDecimal rounded = new BigDecimal(Double.toString(value)).setScale(decimals, RoundingMode.HALF_EVEN)
                .stripTrailingZeros();
        if (rounded.signum() == 0) {
            return "0.0";
        }
        String text = rounded.toPlainString();
        return text.indexOf('.') < 0 ? text + ".0" : text;
    }
}
