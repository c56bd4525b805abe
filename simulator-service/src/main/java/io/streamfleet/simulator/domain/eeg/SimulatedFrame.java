package io.streamfleet.simulator.domain.eeg;

/**
 * A frame the simulated headset produced, with what the wearer intended while it was recorded (for evaluation only,
 * never part of the frame) and whether the frame is lost on the way, as a real Bluetooth link loses some.
 */
public record SimulatedFrame(EegFrame frame, MentalCommand intent, boolean dropped) {
}
