package org.sharpeyes.ingest.http;

import java.net.URI;

/**
 * The kinds of problem the HTTP API answers with, each with its RFC 9457 {@code type} URI, its
 * {@code title} and its status. A client tells them apart by {@code type} alone: two 503s (too
 * busy, store down) or a 404 and a 409 of the same route need no parsing of {@code detail}.
 *
 * <p>The URIs are identifiers under {@value #BASE}, each documented in docs/api.md ("Errors"); the
 * slug is the {@code error} code the API used before it answered problem details, where there was
 * one. A status that none of these fits (a failure Vert.x reports with a code of its own) is
 * answered with {@code about:blank} and the status's reason phrase, as RFC 9457 §4.2.1 says.
 */
public enum ProblemType {
  /** A query parameter, path segment or body is not valid; {@code errors} lists each one. */
  BAD_REQUEST(400, "bad-request", "Bad request"),
  /**
   * No token, or one that is malformed, badly signed, expired or revoked; answered with {@code
   * WWW-Authenticate: Bearer}.
   */
  UNAUTHORIZED(401, "unauthorized", "Unauthorized"),
  /** The token is valid but its role, clearance or jurisdiction does not allow the request. */
  FORBIDDEN(403, "forbidden", "Forbidden"),
  /** No such route, or no such alert, edge, event snapshot, key person or photo. */
  NOT_FOUND(404, "not-found", "Not found"),
  /** The route exists, the method does not. */
  METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
  /** The photo is enrolled already. */
  ALREADY_ENROLLED(409, "already-enrolled", "Already enrolled"),
  /** A user of that name exists already. */
  USER_EXISTS(409, "user-exists", "User exists"),
  /** The request body is larger than the route accepts. */
  TOO_LARGE(413, "too-large", "Request body too large"),
  /** The route does not take a body of this content type. */
  UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
  /** The step cannot be taken from the alert's current state; {@code state} says which it is. */
  ILLEGAL_TRANSITION(409, "illegal-transition", "Step not allowed from this state"),
  /** The alert changed since the caller read it ({@code If-Match}); {@code revision} is current. */
  STALE(412, "stale", "The alert changed"),
  /** A field of the request is wrong; {@code field} names it. */
  INVALID_FIELD(422, "invalid-field", "Invalid field"),
  /** The route changes shared state and needs {@code If-Match} with the revision read. */
  PRECONDITION_REQUIRED(428, "precondition-required", "If-Match required"),
  /** The enrolment check refused the photo; {@code detail} says why and what to do. */
  PHOTO_REFUSED(422, "photo-refused", "Photo refused"),
  /**
   * Too many failed logins: the account is locked for a while; answered with {@code Retry-After}
   * (seconds).
   */
  LOGIN_LOCKED(429, "login-locked", "Login locked"),
  /** The server failed on the request; the log has the cause under the problem's instance id. */
  INTERNAL_ERROR(500, "internal-error", "Internal error"),
  /** Too many requests are being served; answered with {@code Retry-After}. */
  BUSY(503, "busy", "Too busy"),
  /** The store (database or snapshot files) did not answer; answered with {@code Retry-After}. */
  STORE_UNAVAILABLE(503, "store-unavailable", "Store unavailable");

  /** Where every type URI of the API starts. */
  public static final String BASE = "https://sharpeyes.org/problems/";

  private final int status;
  private final String slug;
  private final String title;

  ProblemType(int status, String slug, String title) {
    this.status = status;
    this.slug = slug;
    this.title = title;
  }

  public int status() {
    return status;
  }

  /** The last segment of the type URI, e.g. {@code not-found}. */
  public String slug() {
    return slug;
  }

  public String title() {
    return title;
  }

  public URI uri() {
    return URI.create(BASE + slug);
  }

  /** The type a failure Vert.x reports with {@code status} is answered with, if it has one. */
  static ProblemType forStatus(int status) {
    return switch (status) {
      case 400 -> BAD_REQUEST;
      case 401 -> UNAUTHORIZED;
      case 403 -> FORBIDDEN;
      case 404 -> NOT_FOUND;
      case 405 -> METHOD_NOT_ALLOWED;
      case 413 -> TOO_LARGE;
      case 415 -> UNSUPPORTED_MEDIA_TYPE;
      case 500 -> INTERNAL_ERROR;
      default -> null;
    };
  }
}
