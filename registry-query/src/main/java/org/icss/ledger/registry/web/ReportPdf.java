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
            builder.withHtmlContent(xhtml, null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("rendering the report as PDF", e);
        }
        return out.toByteArray();
    }
}
