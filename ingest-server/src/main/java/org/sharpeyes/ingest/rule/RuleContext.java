package org.sharpeyes.ingest.rule;

import java.time.Clock;
import org.sharpeyes.ingest.reference.ReferenceData;

/**
 * What every rule may consult.
 *
 * @param reference regions, grids, devices, key persons and hotlists
 * @param clock the time source for validity windows; fixed in tests
 */
public record RuleContext(ReferenceData reference, Clock clock) {}
