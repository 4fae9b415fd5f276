package vn.dancu.engine.ingest;

import org.junit.jupiter.api.Test;
import vn.dancu.model.cube.Code;
import vn.dancu.model.cube.CodeLists;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The codes ingest writes are the codes the API labels: same codes, same order, same descriptions. */
class CodeListsAgreementTest
{
    @Test
    void reasonCodesAreTheReasonCodeListWithItsDescriptions()
    {
        List<String> expected = CodeLists.builtIn().get("reasonCode").codes().stream()
                .map(code -> code.code() + " | " + code.vi() + " | " + code.en()).toList();
        List<String> actual = Arrays.stream(ReasonCode.values())
                .map(code -> code.name() + " | " + code.vietnamese() + " | " + code.english()).toList();
        assertEquals(expected, actual);
    }

    @Test
    void qualityIndicatorsAreTheQualityIndicatorList()
    {
        assertEquals(CodeLists.builtIn().get("qualityIndicator").codes().stream().map(Code::code).toList(),
                Arrays.stream(QualityMeasures.Indicator.values()).map(Enum::name).toList());
    }

    @Test
    void quarantineRecordTypesAreTheRecordTypeList()
    {
        assertEquals(CodeLists.builtIn().get("recordType").values(),
                Arrays.stream(RegisterTable.values()).map(RegisterTable::recordType).toList());
    }

    @Test
    void curatedSexesAndResidenceStatusesUseTheCubesCodes()
    {
        assertEquals(CodeLists.builtIn().get("sex").values(), List.copyOf(PersonRules.SEXES.values()));
        assertEquals(CodeLists.builtIn().get("residenceStatus").values(), PersonRules.RESIDENT_STATUSES);
        assertEquals(CodeLists.builtIn().get("vneidLevel").values(), PersonRules.VNEID_LEVELS);
    }
}
