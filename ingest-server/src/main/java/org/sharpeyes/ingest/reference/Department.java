package org.sharpeyes.ingest.reference;

/**
 * A department a desk may dispatch to (public security, petition office, civil affairs…).
 *
 * @param id e.g. {@code wuling-psb}
 * @param name e.g. {@code 武陵区公安分局}
 * @param deskCode the desk it answers to; desks at and above it may dispatch to it, and desks below
 *     it may too (a township dispatches to the county's departments)
 */
public record Department(String id, String name, String deskCode) {}
