package org.sharpeyes.ingest.watchlist;

import java.time.Instant;

/**
 * One enrolment photo of a key person, as stored (without its bytes).
 *
 * @param sha256 of the stored JPEG; names it on MQTT and in the API
 * @param source the imported file's name, or {@code upload}
 * @param faceScore the detector's score for the face
 * @param faceWidth the face's width in pixels, in the photo as given
 * @param bytes size of the stored JPEG
 */
public record EnrolmentPhoto(
    String sha256,
    String personId,
    String source,
    double faceScore,
    int faceWidth,
    int bytes,
    Instant addedAt) {}
