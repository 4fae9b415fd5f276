package vn.dancu.datasets.ethnic;

import static java.util.Objects.requireNonNull;

/**
 * One of the 54 ethnic groups, coded by the 1979 list (Decision 121-TCTK/PPCĐ), the project's canonical list.
 *
 * @param code2008 code in the 2008 GSO list (Decision 1019/QĐ-TCTK) where verified, otherwise null
 */
public record EthnicGroup(String code, String nameVi, String nameEn, String code2008, long censusVietnam2019, long censusKonTum2019)
{
    public EthnicGroup
    {
        requireNonNull(code, "code is null");
        requireNonNull(nameVi, "nameVi is null");
        requireNonNull(nameEn, "nameEn is null");
        if (!code.matches("\\d\\d")) {
            throw new IllegalArgumentException("ethnic code must be two digits: " + code);
        }
    }

    public String label(String language)
    {
        return "en".equals(language) ? nameEn : nameVi;
    }
}
