package org.icss.ledger.events;

/** The Council's member bodies that certify organisations in their regions. */
public enum MemberBody {
    APCSC("Asia Pacific Customer Service Consortium"),
    HKCSC("Hong Kong Customer Service Consortium"),
    CSIA("Customer Service Institute of America"),
    HICS("Hellenic Institute of Customer Service"),
    CSIAU("Customer Service Institute of Australia");

    private final String title;

    MemberBody(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
