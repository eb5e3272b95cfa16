package org.sharpeyes.edge.watchlist;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The edge's watchlist as its status page shows it.
 *
 * @param version of the applied manifest; 0 before the first
 * @param appliedAt when it was applied, or null
 * @param persons on the applied watchlist
 * @param templates by model id
 * @param personsWithoutTemplate persons the cameras cannot name, by model id (at most 20 each)
 * @param pendingVersion a newer manifest whose photos are being fetched, or null
 * @param fetching photos requested and not yet arrived
 * @param photoProblems photo digest → why it gave no template (at most 20)
 * @param lastError the last manifest refused or model failure, in words; null when none
 */
public record WatchlistStatus(
    long version,
    Instant appliedAt,
    int persons,
    Map<String, Integer> templates,
    Map<String, List<String>> personsWithoutTemplate,
    Long pendingVersion,
    int fetching,
    Map<String, String> photoProblems,
    String lastError) {}
