package org.icss.ledger.registry.web;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The PDF renders every name, whatever it holds, with the embedded font and with the PDF's built-in fonts alone. */
class ReportPdfTest {

    private static final String FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    static Stream<String> names() {
        return Stream.of("Harbour Bank", "Z\u00fcrich Caf\u00e9", "\u0391\u03b8\u03b7\u03bd\u03ac", "\ud55c\uad6d \uc740\ud589",
                "\u6771\u4eac\u9280\u884c", "\u0645\u0635\u0631\u0641", "\ud83d\ude00 Smile", "\u0130stanbul",
                "bad \ufffe char", "bad \uffff char", "nul \u0000 inside", "c1 \u0085 next", "lone \ud800 high",
                "lone \udc00 low", "\ufdd0 nonchar", "\ud83f\udffe plane 1", "tab\tand\nline", "<b>&amp;</b>");
    }

    @ParameterizedTest
    @MethodSource("names")
    void everyNameRendersWithTheEmbeddedFontAndWithout(String name) throws Exception {
        for (String font : new String[]{FONT, null}) {
            byte[] pdf = new ReportPdf(font).render(page(name));
            try (PDDocument document = Loader.loadPDF(pdf)) {
                assertThat(new PDFTextStripper().getText(document)).contains("Report of");
            }
        }
    }

    @Test
    void charactersXmlCannotHoldBecomeTheReplacementCharacter() {
        assertThat(ReportPdf.printable("a\ufffeb\u0000c\ud800d\ud83d\ude00e\tf")).isEqualTo(
                "a\ufffdb\ufffdc\ufffdd\ud83d\ude00e\tf");
        String clean = "Harbour Bank";
        assertThat(ReportPdf.printable(clean)).isSameAs(clean);
    }

    /** A page as ReportPage writes it: XHTML, the name escaped as text. */
    private static String page(String name) {
        String escaped = name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><title>" + escaped
                + "</title><style>body { font-family: 'Report Sans', sans-serif; }</style></head><body><h1>Report of "
                + escaped + "</h1><p>" + escaped + "</p></body></html>";
    }

}
