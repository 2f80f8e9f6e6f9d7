package org.icss.ledger.events;

/** Tier of standing. PLATINUM is derived by the registry, never posted. */
public enum Tier {
    NONE,
    CERTIFIED,
    GOLD,
    PLATINUM
}
