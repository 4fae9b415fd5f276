package vn.dancu.datasets.geo;

/** Levels of the administrative hierarchy. The district level exists only before 1 July 2025. */
public enum UnitLevel
{
    PROVINCE, DISTRICT, COMMUNE;

    public String label(String language)
    {
        boolean vi = !"en".equals(language);
        return switch (this) {
            case PROVINCE -> vi ? "Tỉnh" : "Province";
            case DISTRICT -> vi ? "Huyện" : "District";
            case COMMUNE -> vi ? "Xã" : "Commune";
        };
    }
}
