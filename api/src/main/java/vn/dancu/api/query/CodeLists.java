package vn.dancu.api.query;

import vn.dancu.datasets.ethnic.EthnicGroup;
import vn.dancu.datasets.ethnic.EthnicGroups;
import vn.dancu.model.cube.Code;
import vn.dancu.model.cube.CodeList;

import java.util.ArrayList;
import java.util.List;

/** Labels of stored codes: the model's code lists, and the ethnic groups of the reference catalogue. */
public final class CodeLists
{
    private static final CodeList ETHNICITY = ethnicity();

    private CodeLists() {}

    private static CodeList ethnicity()
    {
        List<Code> codes = new ArrayList<>();
        for (EthnicGroup group : EthnicGroups.instance().all()) {
            codes.add(new Code(group.code(), group.nameVi(), group.nameEn(), null, null));
        }
        return new CodeList("ethnicity", codes);
    }

    public static CodeList get(String name)
    {
        return "ethnicity".equals(name) ? ETHNICITY : vn.dancu.model.cube.CodeLists.builtIn().get(name);
    }

    public static List<String> codes(String list)
    {
        return get(list).values();
    }

    public static String label(String list, String code, String language)
    {
        return get(list).find(code).map(found -> found.label(language)).orElse(code);
    }
}
