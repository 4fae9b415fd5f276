package vn.dancu.model.sql;

/** Where a registered view's rows come from. */
public enum ViewKind
{
    /** A table of the current curated snapshot (pseudonymised microdata). */
    REGISTER,
    /** The finest cuboid of a cube of the current published version. */
    CUBE,
    /** A reference catalogue shipped with dancu (units, ethnic groups, code lists). */
    REFERENCE;

    public String label()
    {
        return switch (this) {
            case REGISTER -> "register";
            case CUBE -> "cube";
            case REFERENCE -> "reference";
        };
    }
}
