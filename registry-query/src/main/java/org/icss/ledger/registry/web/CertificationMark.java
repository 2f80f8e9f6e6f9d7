package org.icss.ledger.registry.web;

import org.icss.ledger.events.CertificateStatus;
import org.icss.ledger.events.Tier;

import java.time.LocalDate;

/**
 * The live certification mark: an SVG badge drawn from an organisation's standing today (tier, status, "verified on"
 * date) that links to its page in the registry. An organisation whose certificate is suspended, withdrawn or expired
 * gets a mark that says so, never a stale tier. Accessible: {@code role="img"} with a title naming everything the
 * badge shows.
 */
final class CertificationMark {

    private CertificationMark() {
    }

    /** The words and colours of one mark. */
    record Look(String headline, String detail, String fill, String ink) {
    }

    static Look look(Tier tier, CertificateStatus status) {
        if (status == null) {
            return new Look("Not ICSS certified", "no certificate", "#6b7280", "#ffffff");
        }
        return switch (status) {
            case ACTIVE -> switch (tier) {
                case PLATINUM -> new Look("ICSS Platinum", "certified", "#4b5563", "#ffffff");
                case GOLD -> new Look("ICSS Gold", "certified", "#b58105", "#ffffff");
                case CERTIFIED -> new Look("ICSS Certified", "certified", "#1b6b33", "#ffffff");
                case NONE -> new Look("Not ICSS certified", "no certificate", "#6b7280", "#ffffff");
            };
            case SUSPENDED -> new Look("ICSS " + title(tier), "SUSPENDED", "#a86400", "#ffffff");
            case WITHDRAWN -> new Look("ICSS certificate", "WITHDRAWN", "#a4262c", "#ffffff");
            case EXPIRED -> new Look("ICSS certificate", "EXPIRED", "#a4262c", "#ffffff");
            case SUPERSEDED -> new Look("ICSS certificate", "SUPERSEDED", "#6b7280", "#ffffff");
        };
    }

    static String svg(String organisationName, Tier tier, CertificateStatus status, LocalDate verifiedOn,
                      String pageUrl) {
        Look look = look(tier, status);
        String title = look.headline() + " (" + look.detail() + "): " + organisationName + ", verified on "
                + verifiedOn + " in the ICSS registry";
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"220\" "
                + "height=\"64\" viewBox=\"0 0 220 64\" role=\"img\" aria-labelledby=\"mark-title\">"
                + "<title id=\"mark-title\">" + escape(title) + "</title>"
                + "<a href=\"" + escape(pageUrl) + "\" xlink:href=\"" + escape(pageUrl) + "\" target=\"_blank\">"
                + "<rect width=\"220\" height=\"64\" rx=\"8\" fill=\"" + look.fill() + "\"/>"
                + "<text x=\"12\" y=\"24\" font-family=\"system-ui, sans-serif\" font-size=\"16\" font-weight=\"700\" "
                + "fill=\"" + look.ink() + "\">" + escape(look.headline()) + "</text>"
                + "<text x=\"12\" y=\"42\" font-family=\"system-ui, sans-serif\" font-size=\"12\" fill=\"" + look.ink()
                + "\">" + escape(look.detail()) + "</text>"
                + "<text x=\"12\" y=\"57\" font-family=\"system-ui, sans-serif\" font-size=\"10\" fill=\"" + look.ink()
                + "\">verified on " + verifiedOn + "</text></a></svg>";
    }

    private static String title(Tier tier) {
        return switch (tier) {
            case PLATINUM -> "Platinum";
            case GOLD -> "Gold";
            case CERTIFIED -> "Certified";
            case NONE -> "certificate";
        };
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
