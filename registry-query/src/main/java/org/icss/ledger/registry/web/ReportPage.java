package org.icss.ledger.registry.web;

import org.icss.ledger.events.Perspective;
import org.icss.ledger.registry.query.reports.BenchmarkPolicy.Benchmark;
import org.icss.ledger.registry.query.reports.OpportunityPolicy;
import org.icss.ledger.registry.query.reports.OpportunityPolicy.Opportunity;
import org.icss.ledger.registry.query.reports.PerformanceReport;
import org.icss.ledger.registry.query.reports.PerformanceReport.AttributeScore;
import org.icss.ledger.registry.query.reports.PerformanceReport.ExpectationGap;
import org.icss.ledger.registry.query.reports.PerformanceReport.PerspectiveScore;
import org.icss.ledger.registry.query.reports.PerformanceReport.TrendPoint;
import org.icss.ledger.registry.query.reports.RiskPolicy;
import org.icss.ledger.registry.query.reports.RiskPolicy.Risk;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The performance report as one XHTML page with inline SVG charts (perspective bars, trend lines across audits, an
 * attribute heat map) and tables: readable without JavaScript, and well-formed XML so that {@link ReportPdf} renders
 * the very same page to PDF. Every text from the ledger is escaped.
 */
public final class ReportPage {

    /** Colours of the perspectives in the charts, in {@link Perspective} order. */
    private static final String[] PERSPECTIVE_COLOURS = {"#1565c0", "#6a1b9a", "#00838f", "#ef6c00"};
    private static final String OVERALL_COLOUR = "#212121";
    /** Heat map colour of a score 0..10, red to green. */
    private static final String[] HEAT = {"#b71c1c", "#c62828", "#d32f2f", "#e53935", "#ef6c00", "#f9a825",
            "#c0ca33", "#7cb342", "#43a047", "#2e7d32", "#1b5e20"};
    /** The heat map shows at most this many audits, the latest ones. */
    private static final int HEAT_MAP_AUDITS = 10;

    private ReportPage() {
    }

    /**
     * @param forPdf leaves out what only makes sense in a browser (links to the PDF and to other audits)
     */
    public static String render(PerformanceReport report, boolean forPdf) {
        StringBuilder html = new StringBuilder(40_000);
        String name = report.organisation().name();
        html.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>ICSS performance report: ").append(esc(name)).append("</title>\n")
                .append("<style>").append(CSS).append("</style>\n</head>\n<body>\n");

        header(html, report, forPdf);
        perspectives(html, report);
        trend(html, report);
        heatMap(html, report);
        risks(html, report);
        opportunities(html, report);
        expectationGap(html, report);
        benchmarks(html, report);
        attributes(html, report);
        notes(html, report);
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    private static void header(StringBuilder html, PerformanceReport report, boolean forPdf) {
        var audit = report.audit();
        html.append("<div class=\"masthead\">\n<p class=\"kicker\">ICSS performance report. Private: for the "
                        + "organisation, its certifying member body and compliance staff</p>\n")
                .append("<h1 id=\"report-organisation\">").append(esc(report.organisation().name())).append("</h1>\n")
                .append("<p class=\"meta\">").append(esc(report.organisation().country())).append(" \u00b7 certified by ")
                .append(esc(report.organisation().memberBody())).append(" \u00b7 organisation ")
                .append(esc(report.organisation().organisationId())).append("</p>\n")
                .append("<p class=\"meta\" id=\"report-audit\">").append(esc(audit.auditType().name().toLowerCase(
                        Locale.ROOT))).append(" audit <b>").append(esc(audit.auditId())).append("</b> of ")
                .append(audit.auditedOn()).append(" against ").append(esc(audit.standardVersion()))
                .append(" by ").append(esc(audit.auditor())).append("</p>\n");
        if (!forPdf) {
            html.append("<p class=\"actions\"><a id=\"pdf-link\" href=\"report.pdf?audit=")
                    .append(esc(url(audit.auditId()))).append("\">Download this report as PDF</a>");
            if (report.trend().size() > 1) {
                html.append(" \u00b7 earlier audits: ");
                List<TrendPoint> earlier = report.trend().subList(0, report.trend().size() - 1);
                for (int i = earlier.size() - 1; i >= 0; i--) {
                    TrendPoint point = earlier.get(i);
                    html.append("<a class=\"audit-link\" href=\"report.html?audit=").append(esc(url(point.auditId())))
                            .append("\">").append(point.auditedOn()).append("</a> ");
                }
            }
            html.append("</p>\n");
        }
        html.append("</div>\n<div class=\"headline\">\n<div class=\"figure\"><span class=\"label\">Overall mean")
                .append("</span><span class=\"value\" id=\"overall-mean\">").append(number(report.overallMean()))
                .append("</span><span class=\"unit\">of 10</span></div>\n")
                .append("<div class=\"figure\"><span class=\"label\">Since previous audit</span><span class=\"value\" "
                        + "id=\"overall-change\">").append(report.overallChange() == null ? "\u2013"
                        : signed(report.overallChange())).append("</span><span class=\"unit\">")
                .append(report.previousAudit() == null ? "first audit" : "vs " + report.previousAudit().auditedOn())
                .append("</span></div>\n")
                .append("<div class=\"figure\"><span class=\"label\">Risks</span><span class=\"value\">")
                .append(report.risks().size()).append("</span><span class=\"unit\">attributes</span></div>\n")
                .append("<div class=\"figure\"><span class=\"label\">Opportunities</span><span class=\"value\">")
                .append(report.opportunities().size()).append("</span><span class=\"unit\">attributes</span></div>\n")
                .append("</div>\n");
    }

    private static void perspectives(StringBuilder html, PerformanceReport report) {
        int gold = report.rules().goldThreshold();
        int left = 190;
        int scale = 34;
        int rowHeight = 40;
        int height = 40 + report.perspectives().size() * rowHeight;
        html.append("<div class=\"section\" id=\"perspectives\">\n<h2>Scores by perspective</h2>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"perspective-chart\" width=\"640\" height=\"")
                .append(height).append("\" viewBox=\"0 0 640 ").append(height)
                .append("\" role=\"img\" aria-label=\"Mean score of each perspective\">\n");
        for (int tick = 0; tick <= 10; tick += 2) {
            int x = left + tick * scale;
            html.append(line(x, 10, x, height - 20, "#e0e0e0", 1, null))
                    .append(text(x, height - 6, String.valueOf(tick), "middle", 10, "#616161"));
        }
        int goldX = left + gold * scale;
        html.append(line(goldX, 4, goldX, height - 20, "#b8860b", 2, "5,3"))
                .append(text(goldX + 4, 12, "Gold " + gold, "start", 10, "#8d6e00"));
        int y = 20;
        for (PerspectiveScore perspective : report.perspectives()) {
            double mean = perspective.mean() == null ? 0 : perspective.mean();
            html.append(text(left - 8, y + 17, perspective.title(), "end", 12, "#212121"))
                    .append("<rect x=\"").append(left).append("\" y=\"").append(y + 4).append("\" width=\"")
                    .append(fmt(mean * scale)).append("\" height=\"18\" fill=\"")
                    .append(PERSPECTIVE_COLOURS[perspective.perspective().ordinal()]).append("\"/>\n")
                    .append(text(left + 10 * scale + 14, y + 17, number(perspective.mean())
                            + (perspective.change() == null ? "" : " (" + signed(perspective.change()) + ")"),
                            "start", 11, "#212121"));
            if (perspective.previousMean() != null) {
                int px = (int) Math.round(left + perspective.previousMean() * scale);
                html.append(line(px, y, px, y + 26, "#000000", 2, null));
            }
            y += rowHeight;
        }
        html.append("</svg>\n<p class=\"caption\">Bars: mean score of the perspective's attributes in this audit. "
                + "Black tick: the previous audit's mean. Dashed line: the Gold threshold.</p>\n</div>\n");
    }

    private static void trend(StringBuilder html, PerformanceReport report) {
        List<TrendPoint> points = report.trend();
        int left = 40;
        int right = 620;
        int top = 16;
        int bottom = 216;
        double yScale = (bottom - top) / 10.0;
        html.append("<div class=\"section\" id=\"trend\">\n<h2>Trend across audits</h2>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"trend-chart\" width=\"640\" height=\"272\" "
                        + "viewBox=\"0 0 640 272\" role=\"img\" aria-label=\"Mean scores across audits\">\n");
        for (int tick = 0; tick <= 10; tick += 2) {
            int y = (int) Math.round(bottom - tick * yScale);
            html.append(line(left, y, right, y, "#e0e0e0", 1, null))
                    .append(text(left - 6, y + 4, String.valueOf(tick), "end", 10, "#616161"));
        }
        int goldY = (int) Math.round(bottom - report.rules().goldThreshold() * yScale);
        html.append(line(left, goldY, right, goldY, "#b8860b", 2, "5,3"));
        double step = points.size() > 1 ? (double) (right - left - 20) / (points.size() - 1) : 0;
        List<Double> xs = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            double x = points.size() > 1 ? left + 10 + i * step : (left + right) / 2.0;
            xs.add(x);
            html.append(text((int) Math.round(x), bottom + 16, month(points.get(i).auditedOn()), "middle", 9,
                    "#424242"));
        }
        for (Perspective perspective : Perspective.values()) {
            series(html, points, xs, p -> p.perspectiveMeans().get(perspective), bottom, yScale,
                    PERSPECTIVE_COLOURS[perspective.ordinal()], 2);
        }
        series(html, points, xs, TrendPoint::overallMean, bottom, yScale, OVERALL_COLOUR, 3);
        double legendX = left;
        html.append(legend((int) legendX, 262, OVERALL_COLOUR, "Overall"));
        legendX += 24 + "Overall".length() * 5.6 + 14;
        for (Perspective perspective : Perspective.values()) {
            html.append(legend((int) legendX, 262, PERSPECTIVE_COLOURS[perspective.ordinal()], perspective.title()));
            legendX += 24 + perspective.title().length() * 5.6 + 14;
        }
        html.append("</svg>\n<p class=\"caption\">Overall and perspective means of each audit (certification, "
                + "re-certification and annual audits) up to this one. Dashed line: the Gold threshold.</p>\n</div>\n");
    }

    private static void series(StringBuilder html, List<TrendPoint> points, List<Double> xs,
                               java.util.function.Function<TrendPoint, Double> value, int bottom, double yScale,
                               String colour, int width) {
        StringBuilder path = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            Double v = value.apply(points.get(i));
            if (v == null) {
                continue;
            }
            String x = fmt(xs.get(i));
            String y = fmt(bottom - v * yScale);
            path.append(path.length() == 0 ? "M" : " L").append(x).append(' ').append(y);
            dots.append("<circle cx=\"").append(x).append("\" cy=\"").append(y).append("\" r=\"").append(width + 1)
                    .append("\" fill=\"").append(colour).append("\"/>\n");
        }
        if (path.length() > 0) {
            html.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(colour)
                    .append("\" stroke-width=\"").append(width).append("\"/>\n").append(dots);
        }
    }

    private static void heatMap(StringBuilder html, PerformanceReport report) {
        List<TrendPoint> points = report.trend().size() > HEAT_MAP_AUDITS
                ? report.trend().subList(report.trend().size() - HEAT_MAP_AUDITS, report.trend().size())
                : report.trend();
        List<AttributeScore> rows = report.attributes();
        int left = 70;
        int cellWidth = 52;
        int cellHeight = 17;
        int top = 28;
        int width = left + points.size() * cellWidth + 10;
        int height = top + rows.size() * cellHeight + 6;
        html.append("<div class=\"section\" id=\"heat\">\n<h2>Attribute heat map</h2>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"heat-map\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" role=\"img\" aria-label=\"Score of every attribute in each audit\">\n");
        for (int c = 0; c < points.size(); c++) {
            html.append(text(left + c * cellWidth + cellWidth / 2, top - 8, month(points.get(c).auditedOn()),
                    "middle", 10, "#424242"));
        }
        for (int r = 0; r < rows.size(); r++) {
            AttributeScore row = rows.get(r);
            int y = top + r * cellHeight;
            html.append(text(left - 8, y + 12, row.code(), "end", 10, "#212121"));
            for (int c = 0; c < points.size(); c++) {
                Integer score = points.get(c).scores().get(row.code());
                int x = left + c * cellWidth;
                String fill = score == null ? "#eeeeee" : HEAT[Math.max(0, Math.min(10, score))];
                html.append("<rect x=\"").append(x + 1).append("\" y=\"").append(y + 1).append("\" width=\"")
                        .append(cellWidth - 2).append("\" height=\"").append(cellHeight - 2).append("\" fill=\"")
                        .append(fill).append("\"/>\n")
                        .append(text(x + cellWidth / 2, y + 12, score == null ? "\u2013" : score.toString(), "middle",
                                10, score != null && (score <= 4 || score >= 8) ? "#ffffff" : "#212121"));
            }
        }
        html.append("</svg>\n<p class=\"caption\">Each attribute of ").append(esc(report.audit().standardVersion()))
                .append(" (rows) in the latest ").append(points.size()).append(" audit(s) (columns): red to orange "
                        + "below 5, amber 5, ")
                .append("green from 6 up; a dash where an audit on another version did not "
                        + "score the code.</p>\n</div>\n");
    }

    private static void risks(StringBuilder html, PerformanceReport report) {
        html.append("<div class=\"section\" id=\"risks\">\n<h2>Risks</h2>\n");
        if (report.risks().isEmpty()) {
            html.append("<p class=\"none\">No risks: every attribute is at or above the Gold threshold, none fell by ")
                    .append(report.rules().riskFallOf()).append(" or more, and none falls short of expectation by ")
                    .append(report.rules().riskShortfallOf()).append(" or more.</p>\n</div>\n");
            return;
        }
        html.append("<table>\n<tr><th>Attribute</th><th>Score</th><th>Why</th></tr>\n");
        for (Risk risk : report.risks()) {
            List<String> why = new ArrayList<>();
            for (RiskPolicy.Kind kind : risk.kinds()) {
                why.add(switch (kind) {
                    case BELOW_GOLD -> "below the Gold threshold of " + report.rules().goldThreshold();
                    case FELL_SINCE_LAST_AUDIT -> "fell by " + (-risk.change()) + " since the previous audit";
                    case SHORT_OF_EXPECTATION -> (risk.expected() - risk.score())
                            + " short of management's expectation of " + risk.expected();
                });
            }
            html.append("<tr class=\"risk\" data-attribute=\"").append(esc(risk.attribute())).append("\"><td>")
                    .append(esc(risk.attribute())).append(' ').append(esc(nameOf(report, risk.attribute())))
                    .append("</td><td class=\"num\">").append(risk.score()).append("</td><td>")
                    .append(esc(String.join("; ", why))).append("</td></tr>\n");
        }
        html.append("</table>\n</div>\n");
    }

    private static void opportunities(StringBuilder html, PerformanceReport report) {
        html.append("<div class=\"section\" id=\"opportunities\">\n<h2>Opportunities</h2>\n");
        if (report.opportunities().isEmpty()) {
            html.append("<p class=\"none\">No attribute trails its peers' median (or no peer group large enough to "
                    + "compare), and none is one point short of Gold.</p>\n</div>\n");
            return;
        }
        html.append("<table>\n<tr><th>Attribute</th><th>Score</th><th>Why</th></tr>\n");
        for (Opportunity opportunity : report.opportunities()) {
            List<String> why = new ArrayList<>();
            for (OpportunityPolicy.Kind kind : opportunity.kinds()) {
                why.add(switch (kind) {
                    case TRAILS_PEER_MEDIAN -> number(opportunity.behindPeerMedian()) + " behind the peer median of "
                            + number(opportunity.peerMedian());
                    case ONE_SHORT_OF_GOLD -> "one point short of the Gold threshold";
                });
            }
            html.append("<tr class=\"opportunity\" data-attribute=\"").append(esc(opportunity.attribute()))
                    .append("\"><td>").append(esc(opportunity.attribute())).append(' ')
                    .append(esc(nameOf(report, opportunity.attribute()))).append("</td><td class=\"num\">")
                    .append(opportunity.score()).append("</td><td>").append(esc(String.join("; ", why)))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n</div>\n");
    }

    private static void expectationGap(StringBuilder html, PerformanceReport report) {
        html.append("<div class=\"section\" id=\"expectation-gap\">\n<h2>Expectation versus delivery</h2>\n");
        if (report.expectationGaps().isEmpty()) {
            html.append("<p class=\"none\">Management gave no expected scores for this audit.</p>\n</div>\n");
            return;
        }
        int shortfalls = (int) report.expectationGaps().stream().filter(g -> g.gap() < 0).count();
        html.append("<p>Management's self-assessment before the audit against what the audit found: ")
                .append(shortfalls).append(" of ").append(report.expectationGaps().size())
                .append(" attributes delivered less than expected.</p>\n")
                .append("<table>\n<tr><th>Attribute</th><th>Expected</th><th>Delivered</th><th>Gap</th></tr>\n");
        for (ExpectationGap gap : report.expectationGaps()) {
            String css = gap.gap() <= -report.rules().riskShortfallOf() ? "gap short" : gap.gap() < 0 ? "gap below"
                    : "gap";
            html.append("<tr class=\"").append(css).append("\"><td>").append(esc(gap.code())).append(' ')
                    .append(esc(nameOf(report, gap.code()))).append("</td><td class=\"num\">").append(gap.expected())
                    .append("</td><td class=\"num\">").append(gap.delivered()).append("</td><td class=\"num\">")
                    .append(signed(gap.gap())).append("</td></tr>\n");
        }
        html.append("</table>\n</div>\n");
    }

    private static void benchmarks(StringBuilder html, PerformanceReport report) {
        html.append("<div class=\"section\" id=\"benchmarks\">\n<h2>Benchmarks</h2>\n<p>Percentile among the latest "
                + "audits on ").append(esc(report.audit().standardVersion())).append(" up to ")
                .append(report.audit().auditedOn()).append(" (50 is the middle, higher is better).</p>\n")
                .append("<table>\n<tr><th>Group</th><th>Organisations</th><th>Overall</th>");
        for (Perspective perspective : Perspective.values()) {
            html.append("<th>").append(esc(perspective.title())).append("</th>");
        }
        html.append("</tr>\n");
        for (Benchmark benchmark : report.benchmarks()) {
            String group = switch (benchmark.group()) {
                case ALL -> "All organisations on " + benchmark.scope();
                case COUNTRY -> "In country " + benchmark.scope();
                case MEMBER_BODY -> "Certified by " + benchmark.scope();
            };
            html.append("<tr class=\"benchmark\" data-group=\"").append(benchmark.group()).append("\"><td>")
                    .append(esc(group)).append("</td><td class=\"num\">").append(benchmark.organisations())
                    .append("</td>");
            if (!benchmark.shown()) {
                html.append("<td colspan=\"5\" class=\"withheld\">Not shown: ").append(esc(benchmark.withheldReason()))
                        .append("</td></tr>\n");
                continue;
            }
            html.append("<td class=\"num\">").append(percentile(benchmark.overallPercentile())).append("</td>");
            for (Perspective perspective : Perspective.values()) {
                html.append("<td class=\"num\">").append(percentile(benchmark.perspectivePercentiles()
                        .get(perspective))).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n</div>\n");
    }

    private static void attributes(StringBuilder html, PerformanceReport report) {
        html.append("<div class=\"section\" id=\"attributes\">\n<h2>Every attribute</h2>\n<table>\n")
                .append("<tr><th>Attribute</th><th>Perspective</th><th>Score</th><th>Previous</th><th>Change</th>")
                .append("<th>Expected</th><th>Gap</th></tr>\n");
        for (AttributeScore attribute : report.attributes()) {
            html.append("<tr class=\"attribute\" data-attribute=\"").append(esc(attribute.code())).append("\"><td>")
                    .append(esc(attribute.code())).append(' ').append(esc(attribute.name())).append("</td><td>")
                    .append(esc(attribute.perspective().title())).append("</td><td class=\"num\">")
                    .append(attribute.score()).append("</td><td class=\"num\">").append(orDash(attribute.previousScore()))
                    .append("</td><td class=\"num\">").append(attribute.change() == null ? "\u2013"
                            : signed(attribute.change())).append("</td><td class=\"num\">")
                    .append(orDash(attribute.expected())).append("</td><td class=\"num\">")
                    .append(attribute.gap() == null ? "\u2013" : signed(attribute.gap())).append("</td></tr>\n");
        }
        html.append("</table>\n</div>\n");
    }

    private static void notes(StringBuilder html, PerformanceReport report) {
        var rules = report.rules();
        html.append("<div class=\"section notes\">\n<h2>How to read this report</h2>\n<ul>\n")
                .append("<li>Scores are 0..10 per attribute; means are plain means of the attribute scores.</li>\n")
                .append("<li>Risk: below the Gold threshold (").append(rules.goldThreshold())
                .append("), or fell by ").append(rules.riskFallOf()).append(" or more since the previous audit, or ")
                .append("delivered ").append(rules.riskShortfallOf())
                .append(" or more below management's expected score.</li>\n")
                .append("<li>Opportunity: one of the ").append(rules.peerOpportunities())
                .append(" attributes furthest below the peers' median, or one point short of Gold.</li>\n")
                .append("<li>Benchmarks: ").append(esc(rules.percentile())).append(". A group of fewer than ")
                .append(rules.minBenchmarkGroup()).append(" organisations is not shown.</li>\n")
                .append("</ul>\n</div>\n");
    }

    private static String nameOf(PerformanceReport report, String code) {
        return report.attributes().stream().filter(a -> a.code().equals(code)).map(AttributeScore::name).findFirst()
                .orElse("");
    }

    private static String line(int x1, int y1, int x2, int y2, String colour, int width, String dash) {
        return "<line x1=\"" + x1 + "\" y1=\"" + y1 + "\" x2=\"" + x2 + "\" y2=\"" + y2 + "\" stroke=\"" + colour
                + "\" stroke-width=\"" + width + "\"" + (dash == null ? "" : " stroke-dasharray=\"" + dash + "\"")
                + "/>\n";
    }

    private static String text(int x, int y, String content, String anchor, int size, String colour) {
        return "<text x=\"" + x + "\" y=\"" + y + "\" text-anchor=\"" + anchor + "\" font-size=\"" + size
                + "\" font-family=\"DejaVu Sans, Arial, sans-serif\" fill=\"" + colour + "\">" + esc(content)
                + "</text>\n";
    }

    private static String legend(int x, int y, String colour, String label) {
        return "<rect x=\"" + x + "\" y=\"" + (y - 9) + "\" width=\"18\" height=\"4\" fill=\"" + colour + "\"/>\n"
                + text(x + 24, y - 4, label, "start", 10, "#212121");
    }

    private static String month(LocalDate date) {
        return date.toString().substring(0, 7);
    }

    private static String number(Double value) {
        return value == null ? "\u2013" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String percentile(Double value) {
        return value == null ? "\u2013" : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String signed(double value) {
        return (value > 0 ? "+" : "") + String.format(Locale.ROOT, "%.2f", value);
    }

    private static String signed(int value) {
        return (value > 0 ? "+" : "") + value;
    }

    private static String orDash(Integer value) {
        return value == null ? "\u2013" : value.toString();
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String url(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Escapes text for XHTML content and attribute values. */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        out.append(' ');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static final String CSS = """
            @page { size: A4; margin: 14mm 12mm; }
            body { font-family: 'Report Sans', 'DejaVu Sans', Arial, sans-serif; color: #212121; margin: 24px auto;
                   max-width: 900px; font-size: 13px; line-height: 1.4; }
            h1 { font-size: 26px; margin: 4px 0; }
            h2 { font-size: 17px; border-bottom: 2px solid #1565c0; padding-bottom: 2px; margin: 22px 0 8px 0; }
            .kicker { text-transform: uppercase; letter-spacing: 1px; font-size: 10px; color: #8d6e00; margin: 0; }
            .meta { color: #424242; margin: 2px 0; }
            .actions a { color: #1565c0; }
            .headline { margin: 14px 0; }
            .figure { display: inline-block; width: 24%; vertical-align: top; }
            .figure .label { display: block; font-size: 11px; color: #616161; }
            .figure .value { display: block; font-size: 24px; font-weight: bold; }
            .figure .unit { display: block; font-size: 11px; color: #616161; }
            .section { page-break-inside: avoid; }
            #attributes { page-break-inside: auto; }
            table { border-collapse: collapse; width: 100%; font-size: 12px; }
            th, td { border-bottom: 1px solid #e0e0e0; padding: 3px 6px; text-align: left; vertical-align: top; }
            th { background: #f5f5f5; }
            td.num { text-align: right; white-space: nowrap; }
            tr.risk td { background: #fff3f3; }
            tr.gap.short td { background: #ffebee; }
            tr.gap.below td { background: #fff8e1; }
            td.withheld { color: #616161; font-style: italic; }
            .caption { font-size: 11px; color: #616161; margin: 2px 0; }
            .none { color: #2e7d32; }
            .notes { font-size: 11px; color: #424242; }
            """;
}
