package vn.dancu.datasets.synthetic;

import static java.util.Objects.requireNonNull;

/**
 * What the generator assumes about one pre-2025 commune of Kon Tum.
 *
 * @param code           5-digit GSO code of the old commune (in force until 30/06/2025)
 * @param successorCode  its commune from 01/07/2025
 * @param share          share of the area's population living there at the start
 * @param ethnicMix      ethnic composition
 * @param urban          a ward or township (phường, thị trấn)
 * @param remote         a rural commune where over 80% belong to minorities: lower ID-card and VNeID coverage (assumed)
 */
record CommuneProfile(String code, String name, String successorCode, double share, EthnicMix ethnicMix, boolean urban, boolean remote)
{
    CommuneProfile
    {
        requireNonNull(code, "code is null");
        requireNonNull(name, "name is null");
        requireNonNull(successorCode, "successorCode is null");
        requireNonNull(ethnicMix, "ethnicMix is null");
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("share of commune " + code + " must be in (0, 1], was " + share);
        }
    }
}
