package io.streamfleet.simulator.domain.telemetry;

/**
 * A circular-ish low Earth orbit in the ISS's class (inclination 51.6°, ~92 min period, 400-450 km): the ground track
 * under a rotating Earth, altitude breathing with a small eccentricity, speed from the vis-viva equation, and the
 * cylindrical Earth shadow for eclipses (the Sun fixed in the orbit plane, so eclipses last about 36 minutes).
 */
public final class OrbitModel {

    static final double EARTH_RADIUS_KM = 6371.0;
    static final double MU_KM3_S2 = 398_600.4418;
    private static final double INCLINATION = Math.toRadians(51.6);
    private static final double EARTH_ROTATION_RAD_S = 2 * Math.PI / 86_164.0;
    private static final double MEAN_ALTITUDE_KM = 425.0;
    private static final double ALTITUDE_SWING_KM = 22.0;

    private final double phase;
    private final double ascendingNodeLongitude;
    private final double sunAngle;
    private final double semiMajorAxisKm = EARTH_RADIUS_KM + MEAN_ALTITUDE_KM;
    private final double periodSeconds = 2 * Math.PI * Math.sqrt(Math.pow(semiMajorAxisKm, 3) / MU_KM3_S2);

    /** @param phase where along the orbit the satellite is at epoch 0 (radians); the node and Sun differ by satellite */
    public OrbitModel(double phase, double ascendingNodeLongitude, double sunAngle) {
        this.phase = phase;
        this.ascendingNodeLongitude = ascendingNodeLongitude;
        this.sunAngle = sunAngle;
    }

    public double periodSeconds() {
        return periodSeconds;
    }

    /** The argument of latitude (angle from the ascending node) at a time in seconds. */
    private double argumentOfLatitude(double seconds) {
        return phase + 2 * Math.PI * (seconds % periodSeconds) / periodSeconds;
    }

    public double latitudeDegrees(double seconds) {
        return Math.toDegrees(Math.asin(Math.sin(INCLINATION) * Math.sin(argumentOfLatitude(seconds))));
    }

    public double longitudeDegrees(double seconds) {
        double u = argumentOfLatitude(seconds);
        double inertial = Math.atan2(Math.cos(INCLINATION) * Math.sin(u), Math.cos(u));
        double earthTurn = EARTH_ROTATION_RAD_S * (seconds % 86_164.0);
        double longitude = Math.toDegrees(inertial + ascendingNodeLongitude - earthTurn);
        return longitude - 360.0 * Math.floor((longitude + 180.0) / 360.0);
    }

    public double altitudeKm(double seconds) {
        return MEAN_ALTITUDE_KM + ALTITUDE_SWING_KM * Math.sin(argumentOfLatitude(seconds) - 0.7);
    }

    public double velocityKmS(double seconds) {
        double r = EARTH_RADIUS_KM + altitudeKm(seconds);
        return Math.sqrt(MU_KM3_S2 * (2 / r - 1 / semiMajorAxisKm));
    }

    /** Behind the Earth and within its shadow cylinder. */
    public boolean inEclipse(double seconds) {
        double fromAntiSun = argumentOfLatitude(seconds) - sunAngle - Math.PI;
        double r = EARTH_RADIUS_KM + altitudeKm(seconds);
        return Math.cos(fromAntiSun) > 0 && r * Math.abs(Math.sin(fromAntiSun)) < EARTH_RADIUS_KM;
    }

    /** How squarely the panels face the Sun while lit (0..1). */
    public double sunIncidence(double seconds) {
        return Math.abs(Math.cos(argumentOfLatitude(seconds) - sunAngle));
    }
}
