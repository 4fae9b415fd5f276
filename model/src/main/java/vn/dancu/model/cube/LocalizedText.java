package vn.dancu.model.cube;

import static java.util.Objects.requireNonNull;

/** A text in Vietnamese (the default) and English. */
public record LocalizedText(String vi, String en)
{
    public LocalizedText
    {
        requireNonNull(vi, "vi is null");
        requireNonNull(en, "en is null");
    }

    public String in(String language)
    {
        return "en".equals(language) ? en : vi;
    }
}
