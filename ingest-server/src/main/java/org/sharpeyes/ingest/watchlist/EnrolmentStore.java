package org.sharpeyes.ingest.watchlist;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** Enrolment photos and watchlist versions in the database (migration V3). Thread-safe. */
final class EnrolmentStore {

  private static final String COLUMNS =
      "sha256, person_id, source, face_score, face_width, OCTET_LENGTH(jpeg) AS size, added_at";

  private final DataSource dataSource;

  EnrolmentStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Stores a photo unless a photo with the same bytes is stored already.
   *
   * @return the photo stored before with the same bytes, if any (then nothing was written)
   */
  synchronized Optional<EnrolmentPhoto> add(EnrolmentPhoto photo, byte[] jpeg) throws SQLException {
    Optional<EnrolmentPhoto> existing = find(photo.sha256());
    if (existing.isPresent()) {
      return existing;
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO enrolment_photos (sha256, person_id, jpeg, source, face_score,"
                    + " face_width, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, photo.sha256());
      s.setString(2, photo.personId());
      s.setBytes(3, jpeg);
      s.setString(4, photo.source());
      s.setDouble(5, photo.faceScore());
      s.setInt(6, photo.faceWidth());
      s.setTimestamp(7, Timestamp.from(photo.addedAt()));
      s.executeUpdate();
    }
    return Optional.empty();
  }

  /** Removes a photo of a person; whether there was one. */
  synchronized boolean remove(String personId, String sha256) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("DELETE FROM enrolment_photos WHERE sha256 = ? AND person_id = ?")) {
      s.setString(1, sha256);
      s.setString(2, personId);
      return s.executeUpdate() == 1;
    }
  }

  Optional<EnrolmentPhoto> find(String sha256) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT " + COLUMNS + " FROM enrolment_photos WHERE sha256 = ?")) {
      s.setString(1, sha256);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(row(r)) : Optional.empty();
      }
    }
  }

  /** The photos of one person, oldest first. */
  List<EnrolmentPhoto> ofPerson(String personId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT "
                    + COLUMNS
                    + " FROM enrolment_photos WHERE person_id = ? ORDER BY added_at, sha256")) {
      s.setString(1, personId);
      return rows(s);
    }
  }

  /** Every photo, by person id, each person's oldest first. */
  Map<String, List<EnrolmentPhoto>> all() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT "
                    + COLUMNS
                    + " FROM enrolment_photos ORDER BY person_id, added_at, sha256")) {
      Map<String, List<EnrolmentPhoto>> byPerson = new LinkedHashMap<>();
      for (EnrolmentPhoto p : rows(s)) {
        byPerson.computeIfAbsent(p.personId(), k -> new ArrayList<>()).add(p);
      }
      return byPerson;
    }
  }

  /** The stored JPEG of a photo. */
  Optional<byte[]> jpeg(String sha256) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT jpeg FROM enrolment_photos WHERE sha256 = ?")) {
      s.setString(1, sha256);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getBytes(1)) : Optional.empty();
      }
    }
  }

  /** The latest watchlist version and the digest of its content; version 0 when there is none. */
  Version latestVersion() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT version, digest, created_at FROM watchlist_versions"
                    + " ORDER BY version DESC FETCH FIRST 1 ROWS ONLY");
        ResultSet r = s.executeQuery()) {
      return r.next()
          ? new Version(r.getLong(1), r.getString(2), r.getTimestamp(3).toInstant())
          : new Version(0, Watchlist.sha256(new byte[0]), Instant.EPOCH);
    }
  }

  /** Records a new version; a concurrent writer of the same number makes this fail. */
  void addVersion(Version v) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO watchlist_versions (version, digest, created_at) VALUES (?, ?, ?)")) {
      s.setLong(1, v.version());
      s.setString(2, v.digest());
      s.setTimestamp(3, Timestamp.from(v.createdAt()));
      s.executeUpdate();
    }
  }

  /** A watchlist version: its number, the digest of its content, when it was made. */
  record Version(long version, String digest, Instant createdAt) {}

  private static List<EnrolmentPhoto> rows(PreparedStatement s) throws SQLException {
    List<EnrolmentPhoto> list = new ArrayList<>();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        list.add(row(r));
      }
    }
    return list;
  }

  private static EnrolmentPhoto row(ResultSet r) throws SQLException {
    return new EnrolmentPhoto(
        r.getString("sha256"),
        r.getString("person_id"),
        r.getString("source"),
        r.getDouble("face_score"),
        r.getInt("face_width"),
        r.getInt("size"),
        r.getTimestamp("added_at").toInstant());
  }
}
