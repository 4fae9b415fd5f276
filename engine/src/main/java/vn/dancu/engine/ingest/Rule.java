package vn.dancu.engine.ingest;

import org.apache.spark.sql.Column;

import java.util.List;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * One validation rule: a record for which {@code broken} is true is quarantined with {@code code} and the
 * {@code detail} text (which names the field and the value found). A null {@code broken} counts as not broken, so a
 * rule needs to handle only the values it is about; missing values are the concern of the required-field rule.
 */
public record Rule(ReasonCode code, Column broken, Column detail)
{
    public Rule
    {
        requireNonNull(code, "code is null");
        requireNonNull(broken, "broken is null");
        requireNonNull(detail, "detail is null");
    }

    /**
     * The 1-based position in {@code rules} of the first rule the record breaks; null when it breaks none. Computed
     * once, so that {@link #code} and {@link #detail} do not evaluate the conditions again (and the generated code
     * stays small enough for the JIT compiler).
     */
    public static Column firstBroken(List<Rule> rules)
    {
        Column result = null;
        for (int i = 0; i < rules.size(); i++) {
            Column broken = rules.get(i).broken();
            result = result == null ? when(broken, lit(i + 1)) : result.when(broken, lit(i + 1));
        }
        return requireNonNull(result, "no rules");
    }

    /** The reason code of the rule at {@code position} ({@link #firstBroken}); null for null. */
    public static Column code(List<Rule> rules, Column position)
    {
        Column result = null;
        for (int i = 0; i < rules.size(); i++) {
            Column at = position.equalTo(i + 1);
            Column code = lit(rules.get(i).code().name());
            result = result == null ? when(at, code) : result.when(at, code);
        }
        return requireNonNull(result, "no rules");
    }

    /** The detail of the rule at {@code position} ({@link #firstBroken}); null for null. */
    public static Column detail(List<Rule> rules, Column position)
    {
        Column result = null;
        for (int i = 0; i < rules.size(); i++) {
            Column at = position.equalTo(i + 1);
            result = result == null ? when(at, rules.get(i).detail()) : result.when(at, rules.get(i).detail());
        }
        return requireNonNull(result, "no rules");
    }

    /** The first of {@code fields} that is null, as "{@code <field> is empty}"; with {@code broken} true when any is. */
    public static Rule required(List<String> fields, java.util.function.Function<String, Column> value)
    {
        Column broken = lit(false);
        Column detail = null;
        for (String field : fields) {
            Column missing = value.apply(field).isNull();
            broken = broken.or(missing);
            detail = detail == null ? when(missing, lit(field + " is empty")) : detail.when(missing, lit(field + " is empty"));
        }
        return new Rule(ReasonCode.REQUIRED_FIELD_MISSING, broken, requireNonNull(detail, "no fields"));
    }
}
