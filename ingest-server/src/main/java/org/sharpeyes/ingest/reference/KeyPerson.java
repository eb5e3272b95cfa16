package org.sharpeyes.ingest.reference;

import java.util.List;

/**
 * A person under a control measure (重点人员). The ID number is kept for matching; show {@link
 * #maskedIdNumber()} to anyone whose role does not allow the full number.
 *
 * @param id e.g. {@code KP0001}
 * @param name full name
 * @param idNumber 18-character resident ID number (GB 11643)
 * @param categories e.g. {@code released-prisoner}, {@code petition-risk}
 * @param riskLevel red, orange or yellow
 * @param homeGrid code of the grid cell the person lives in
 * @param plates normalised plates of the person's vehicles
 * @param credentials access card ids
 */
public record KeyPerson(
    String id,
    String name,
    String idNumber,
    List<String> categories,
    RiskLevel riskLevel,
    String homeGrid,
    List<String> plates,
    List<String> credentials) {

  public KeyPerson {
    categories = List.copyOf(categories);
    plates = List.copyOf(plates);
    credentials = List.copyOf(credentials);
  }

  /** The ID number with its birth date and sequence hidden, e.g. {@code 430702********0675}. */
  public String maskedIdNumber() {
    return ResidentIdNumber.mask(idNumber);
  }
}
