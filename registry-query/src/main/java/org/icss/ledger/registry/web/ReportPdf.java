package org.icss.ledger.registry.web;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Renders the report page's XHTML to PDF with Open HTML to PDF (PDFBox), its inline SVG charts with the library's
 * Batik drawer: the PDF is the same report as the page. A TrueType font is embedded when configured and present
 * (names in any script it covers); otherwise the PDF's built-in fonts are used.
 * <p>
 * Whatever text reaches it, it renders: characters XML cannot hold (controls other than tab and line breaks,
 * U+FFFE, U+FFFF, unpaired surrogates) and characters no font draws (C1 controls, other noncharacters) become
 * U+FFFD before parsing, and a character the fonts lack is drawn by the library's replacement glyph. The input
 * policy refuses all of these at the edge already; events recorded before it, or published around it, still print.
 */
public class ReportPdf {

    private final File font;

    public ReportPdf(String fontPath) {
        this.font = fontPath == null || fontPath.isBlank() ? null : new File(fontPath);
    }

    public byte[] render(String xhtml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useSVGDrawer(new BatikSVGDrawer());
            if (font != null && font.isFile()) {
                builder.useFont(font, "Report Sans");
                builder.useFont(font, "DejaVu Sans");
            }
            builder.withHtmlContent(printable(xhtml), null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("rendering the report as PDF", e);
        }
        return out.toByteArray();
    }

    /** {@code xhtml} with every character XML 1.0 cannot carry, or no font draws, replaced by U+FFFD. */
    static String printable(String xhtml) {
        StringBuilder out = null;
        for (int i = 0; i < xhtml.length(); i++) {
            char c = xhtml.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < xhtml.length()
                    && Character.isLowSurrogate(xhtml.charAt(i + 1));
            int codePoint = pair ? Character.toCodePoint(c, xhtml.charAt(i + 1)) : c;
            boolean bad = !pair && Character.isSurrogate(c)
                    || (codePoint < 0x20 && codePoint != '\t' && codePoint != '\n' && codePoint != '\r')
                    || (codePoint >= 0x7F && codePoint <= 0x9F)
                    || (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
            if (bad && out == null) {
                out = new StringBuilder(xhtml.length()).append(xhtml, 0, i);
            }
            if (out != null) {
                if (bad) {
                    out.append('\uFFFD');
                } else {
                    out.appendCodePoint(codePoint);
                }
            }
            if (pair) {
                i++;
            }
        }
        return out == null ? xhtml : out.toString();
    }
}
