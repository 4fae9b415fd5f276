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

    /** The code of the first rule the record breaks, in list order; null when it breaks none. */
    public static Column firstCode(List<Rule> rules)
    {
        Column result = null;
        for (Rule rule : rules) {
            result = result == null ? when(rule.broken(), lit(rule.code().name())) : result.when(rule.broken(), lit(rule.code().name()));
        }
        return requireNonNull(result, "no rules");
    }

    /** The detail of the first rule the record breaks; null when it breaks none. */
    public static Column firstDetail(List<Rule> rules)
    {
        Column result = null;
        for (Rule rule : rules) {
            result = result == null ? when(rule.broken(), rule.detail()) : result.when(rule.broken(), rule.detail());
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
