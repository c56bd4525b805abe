package io.streamfleet.simulator.messaging;

import java.util.List;

/**
 * A bean that contributes several sources built from one configuration (e.g. the wearable streams), for sources that
 * are plain objects rather than beans of their own.
 */
public interface SourceGroup {

    List<PacedSource> sources();
}
