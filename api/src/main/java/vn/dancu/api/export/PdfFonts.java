package vn.dancu.api.export;

import com.lowagie.text.DocumentException;
import com.lowagie.text.pdf.BaseFont;

import java.io.IOException;
import java.io.InputStream;

/**
 * The fonts of dancu's PDF files (report workbooks, tables): Liberation Sans from openpdf-fonts-extra, embedded, since
 * the standard PDF fonts have no Vietnamese letters.
 */
public final class PdfFonts
{
    private static final String REGULAR = "/liberation/LiberationSans-Regular.ttf";
    private static final String BOLD = "/liberation/LiberationSans-Bold.ttf";

    private PdfFonts() {}

    public static BaseFont regular()
    {
        return load(REGULAR);
    }

    public static BaseFont bold()
    {
        return load(BOLD);
    }

    private static BaseFont load(String resource)
    {
        try (InputStream in = PdfFonts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the font " + resource + " is missing from the classpath (openpdf-fonts-extra)");
            }
            byte[] font = in.readAllBytes();
            return BaseFont.createFont(resource.substring(resource.lastIndexOf('/') + 1), BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, font, null);
        }
        catch (IOException | DocumentException e) {
            throw new IllegalStateException("cannot load the font " + resource, e);
        }
    }
}
