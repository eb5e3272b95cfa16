package org.sharpeyes.edge.health;

import java.time.Instant;
import org.sharpeyes.schema.event.DeviceStatus.Availability;

/**
 * One device's availability as {@code /status} shows it.
 *
 * @param deviceId the device's own id (a child device of a GA/T 1400 platform has its own)
 * @param status what the rules see now
 * @param reason why, in words, or {@code null}
 * @param fps a camera's measured analysis rate, or {@code null}
 * @param since when {@code status} began to hold
 * @param reported the availability last sent as a {@code device.status} event, or {@code null}
 *     before the first (during the start grace)
 * @param reportedAt when it was sent, or {@code null}
 */
public record DeviceAvailability(
    String deviceId,
    Availability status,
    String reason,
    Double fps,
    Instant since,
    Availability reported,
    Instant reportedAt) {}
