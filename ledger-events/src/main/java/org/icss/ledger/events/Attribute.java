package org.icss.ledger.events;

/** One attribute of a version of the standard. */
public record Attribute(AttributeCode code, Perspective perspective, String name) {
}
