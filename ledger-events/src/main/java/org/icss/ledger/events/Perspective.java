package org.icss.ledger.events;

/** The four perspectives of the standard; every attribute belongs to one. */
public enum Perspective {
    SERVICE("Service"),
    FINANCIAL_GOVERNANCE("Financial / Governance"),
    OPERATIONAL("Operational"),
    LEARNING_AND_GROWTH("Learning and Growth");

    private final String title;

    Perspective(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
