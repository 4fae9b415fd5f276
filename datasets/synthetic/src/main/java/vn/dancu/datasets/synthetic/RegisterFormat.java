package vn.dancu.datasets.synthetic;

/** The file formats a register extract comes in. */
public enum RegisterFormat
{
    PARQUET("parquet"), CSV("csv"), JSONL("jsonl");

    private final String extension;

    RegisterFormat(String extension)
    {
        this.extension = extension;
    }

    /** File extension without the dot. */
    public String extension()
    {
        return extension;
    }

    /** Whether a record is a line of text that can be truncated or broken (CSV, JSON Lines). */
    public boolean isLineBased()
    {
        return this != PARQUET;
    }
}
