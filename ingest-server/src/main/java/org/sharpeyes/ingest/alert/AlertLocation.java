package org.sharpeyes.ingest.alert;

/**
 * Where an alert is raised.
 *
 * @param deviceId the device that saw it
 * @param gridCode its grid cell, or {@code null} when the device is not in the reference data
 * @param villageCode that cell's village, or {@code null}
 * @param regionPath e.g. {@code /430700/430702/430702002/430702002001/}; {@code /} when unknown
 */
public record AlertLocation(
    String deviceId, String gridCode, String villageCode, String regionPath) {}
