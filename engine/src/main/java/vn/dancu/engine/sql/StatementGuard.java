package vn.dancu.engine.sql;

import org.apache.spark.sql.catalyst.analysis.UnresolvedAttribute;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunctionName;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTableOrView;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTableValuedFunction;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedWith;
import org.apache.spark.sql.catalyst.expressions.CallMethodViaReflection;
import org.apache.spark.sql.catalyst.expressions.AttributeReference;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.InputFileBlockLength;
import org.apache.spark.sql.catalyst.expressions.InputFileBlockStart;
import org.apache.spark.sql.catalyst.expressions.InputFileName;
import org.apache.spark.sql.catalyst.expressions.MetadataAttribute;
import org.apache.spark.sql.catalyst.expressions.ScalaUDF;
import org.apache.spark.sql.catalyst.plans.logical.LocalRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.OneRowRelation;
import org.apache.spark.sql.catalyst.plans.logical.Range;
import org.apache.spark.sql.catalyst.plans.logical.SubqueryAlias;
import org.apache.spark.sql.execution.command.DescribeQueryCommand;
import org.apache.spark.sql.execution.command.ExplainCommand;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import scala.Tuple3;
import scala.jdk.javaapi.CollectionConverters;
import vn.dancu.model.sql.SqlException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The read-only guard. A statement is parsed by Spark's own parser and its plan is checked node by node against an
 * allow-list before anything runs: queries (SELECT, WITH, VALUES, TABLE) over the registered views, and the
 * metadata statements SHOW TABLES/VIEWS/COLUMNS/FUNCTIONS, DESCRIBE and EXPLAIN. Everything else (SET, ADD JAR,
 * CREATE, INSERT, CACHE, REFRESH, USE, …) is refused, and so is any relation that is not a registered view (file
 * paths such as {@code parquet.`/path`}, catalog tables, {@code global_temp}), any table function but the
 * row generators, any qualified function name and the functions that call Java code.
 *
 * <p>After analysis, {@link #checkAnalyzed} checks the resolved plan a second time, independently of names: every
 * file it reads must be under a location of a registered view, and no expression may call Java methods or UDFs.
 */
public final class StatementGuard
{
    /** What the guard allows, for the messages. */
    public static final String ALLOWED = "SELECT, WITH, VALUES, TABLE, SHOW TABLES, SHOW VIEWS, SHOW COLUMNS, SHOW FUNCTIONS, DESCRIBE, EXPLAIN";

    /** Table-valued functions that only generate rows from their arguments. */
    public static final List<String> TABLE_FUNCTIONS = List.of("range", "explode", "explode_outer", "inline", "inline_outer",
            "posexplode", "posexplode_outer", "stack", "json_tuple");

    /** Functions that call arbitrary Java methods in the server process. */
    public static final List<String> DENIED_FUNCTIONS = List.of("reflect", "java_method", "try_reflect");

    /** Functions that tell which file a row was read from: where the server keeps its data. */
    public static final List<String> FILE_FUNCTIONS = List.of("input_file_name", "input_file_block_start", "input_file_block_length");

    /** The hidden column of file sources with each row's file path, name, size and modification time. */
    private static final String METADATA_COLUMN = "_metadata";

    /** Data source formats Spark reads with {@code format.`path`}. */
    private static final Set<String> FILE_FORMATS = Set.of("parquet", "orc", "json", "csv", "text", "avro", "binaryfile", "xml",
            "delta", "jdbc", "hive", "libsvm", "image");

    private static final Set<String> QUERY_NODES = Set.of(
            "Project", "Filter", "Aggregate", "Join", "LateralJoin", "Union", "Intersect", "Except", "Sort", "GlobalLimit", "LocalLimit",
            "Offset", "Tail", "Distinct", "Deduplicate", "SubqueryAlias", "UnresolvedRelation", "UnresolvedWith", "CTERelationDef",
            "CTERelationRef", "WithCTE", "OneRowRelation", "LocalRelation", "UnresolvedInlineTable", "Generate", "Pivot", "Unpivot",
            "Sample", "WithWindowDefinition", "UnresolvedHint", "RepartitionByExpression", "Repartition", "RebalancePartitions",
            "UnresolvedTableValuedFunction", "UnresolvedTVFAliases", "PipeOperator", "UnresolvedSubqueryColumnAliases", "Window",
            "UnresolvedHaving", "Range", "Expand");

    private static final Set<String> METADATA_NODES = Set.of("ShowTables", "ShowViews", "ShowColumns", "ShowFunctions",
            "DescribeRelation", "DescribeColumn", "DescribeFunction", "CurrentNamespace$", "UnresolvedTableOrView", "UnresolvedFunctionName");

    private static final Set<String> QUERY_KEYWORDS = Set.of("SELECT", "WITH", "FROM", "VALUES", "TABLE");

    private static final Pattern LEADING_COMMENTS = Pattern.compile("\\A(?:\\s+|--[^\\n]*(?:\\n|\\z)|/\\*.*?\\*/)*", Pattern.DOTALL);
    private static final Pattern WORD = Pattern.compile("[A-Za-z_]+");
    private static final Set<String> TWO_WORD_STATEMENTS = Set.of("ADD", "LIST", "CACHE", "UNCACHE", "REFRESH", "CLEAR", "DROP",
            "ALTER", "TRUNCATE", "MSCK", "LOAD", "DECLARE", "EXECUTE", "RESET", "REPAIR", "SHOW", "INSERT");

    private final Set<String> views;

    public StatementGuard(Set<String> views)
    {
        requireNonNull(views, "views is null");
        Set<String> lower = new HashSet<>();
        views.forEach(view -> lower.add(view.toLowerCase(Locale.ROOT)));
        this.views = Set.copyOf(lower);
    }

    /**
     * A statement that passed the guard.
     *
     * @param runsQuery true for a query (its rows are the result), false for a metadata statement
     * @param query     for EXPLAIN and DESCRIBE QUERY: the query they analyse, to be checked after analysis as a query is
     */
    public record CheckedStatement(LogicalPlan plan, boolean runsQuery, Optional<LogicalPlan> query)
    {
        public CheckedStatement
        {
            requireNonNull(plan, "plan is null");
            requireNonNull(query, "query is null");
        }
    }

    /**
     * Checks a parsed statement.
     *
     * @param text the statement as typed, to name it in messages
     * @throws SqlException of category REFUSED naming what is not allowed
     */
    public CheckedStatement check(String text, LogicalPlan parsed)
    {
        String kind = parsed.getClass().getSimpleName();
        if (parsed instanceof ExplainCommand explain) {
            checkQuery(text, explain.logicalPlan());
            return new CheckedStatement(parsed, false, Optional.of(explain.logicalPlan()));
        }
        if (parsed instanceof DescribeQueryCommand describe) {
            checkQuery(text, describe.plan());
            return new CheckedStatement(parsed, false, Optional.of(describe.plan()));
        }
        if (METADATA_NODES.contains(kind)) {
            for (LogicalPlan node : QueryPlans.nodes(parsed)) {
                String nodeKind = node.getClass().getSimpleName();
                if (!METADATA_NODES.contains(nodeKind)) {
                    throw refusedStatement(text);
                }
                if (node instanceof UnresolvedTableOrView table) {
                    checkRelationName(CollectionConverters.asJava(table.multipartIdentifier()), Set.of());
                }
                if (node instanceof UnresolvedFunctionName function && function.multipartIdentifier().size() > 1) {
                    throw qualifiedFunction(CollectionConverters.asJava(function.multipartIdentifier()));
                }
            }
            return new CheckedStatement(parsed, false, Optional.empty());
        }
        checkQuery(text, parsed);
        return new CheckedStatement(parsed, true, Optional.empty());
    }

    private void checkQuery(String text, LogicalPlan plan)
    {
        List<LogicalPlan> nodes = QueryPlans.nodes(plan);
        Set<String> commonTables = new HashSet<>();
        for (LogicalPlan node : nodes) {
            if (node instanceof UnresolvedWith with) {
                for (Tuple3<String, SubqueryAlias, ?> definition : CollectionConverters.asJava(with.cteRelations())) {
                    commonTables.add(definition._1().toLowerCase(Locale.ROOT));
                }
            }
        }
        for (LogicalPlan node : nodes) {
            if (!QUERY_NODES.contains(node.getClass().getSimpleName())) {
                if (node == plan && !QUERY_KEYWORDS.contains(statementKind(text))) {
                    throw refusedStatement(text);
                }
                throw new SqlException(SqlException.Category.REFUSED, node.getClass().getSimpleName() + " is not allowed in a read-only query:"
                        + " only queries of the registered views may run (" + ALLOWED + ")");
            }
            if (node instanceof UnresolvedRelation relation) {
                List<String> name = CollectionConverters.asJava(relation.multipartIdentifier());
                checkRelationName(name, commonTables);
                if (!relation.options().isEmpty()) {
                    throw new SqlException(SqlException.Category.REFUSED, "table options (WITH (...)) are not allowed on view '" + String.join(".", name) + "'");
                }
            }
            if (node instanceof UnresolvedTableValuedFunction function) {
                List<String> name = CollectionConverters.asJava(function.name());
                String plain = String.join(".", name).toLowerCase(Locale.ROOT);
                if (name.size() != 1 || !TABLE_FUNCTIONS.contains(plain)) {
                    throw new SqlException(SqlException.Category.REFUSED, "table function '" + String.join(".", name)
                            + "' is not allowed; allowed: " + String.join(", ", TABLE_FUNCTIONS));
                }
            }
        }
        for (Expression expression : QueryPlans.expressions(plan)) {
            if (expression instanceof UnresolvedFunction function) {
                List<String> name = CollectionConverters.asJava(function.nameParts());
                if (name.size() > 1) {
                    throw qualifiedFunction(name);
                }
                String plain = name.get(0).toLowerCase(Locale.ROOT);
                if (DENIED_FUNCTIONS.contains(plain)) {
                    throw deniedFunction(plain);
                }
                if (FILE_FUNCTIONS.contains(plain)) {
                    throw fileFunction(plain);
                }
            }
            if (expression instanceof UnresolvedAttribute attribute) {
                for (String part : CollectionConverters.asJava(attribute.nameParts())) {
                    if (part.equalsIgnoreCase(METADATA_COLUMN)) {
                        throw metadataColumn();
                    }
                }
            }
        }
    }

    private void checkRelationName(List<String> name, Set<String> commonTables)
    {
        String joined = String.join(".", name);
        if (name.size() == 2 && FILE_FORMATS.contains(name.get(0).toLowerCase(Locale.ROOT))) {
            throw new SqlException(SqlException.Category.REFUSED, "reading files is not allowed (" + name.get(0) + ".`" + name.get(1)
                    + "`): only the registered views can be read; \\tables or SHOW TABLES lists them");
        }
        if (name.size() > 1) {
            throw new SqlException(SqlException.Category.REFUSED, "'" + joined + "' is not a registered view: only the registered views can be read,"
                    + " by their plain names; \\tables or SHOW TABLES lists them");
        }
        String plain = name.get(0).toLowerCase(Locale.ROOT);
        if (!views.contains(plain) && !commonTables.contains(plain)) {
            throw new SqlException(SqlException.Category.REFUSED, "'" + joined + "' is not a registered view; registered views: "
                    + String.join(", ", views.stream().sorted().toList()));
        }
    }

    /**
     * The second check, on the analysed plan of a query: it reads only files under the registered views' locations,
     * in-memory reference rows and generated ranges, and calls no Java method or UDF.
     */
    public static void checkAnalyzed(LogicalPlan analyzed, Set<String> readableLocations)
    {
        for (LogicalPlan node : QueryPlans.nodes(analyzed)) {
            if (node.children().isEmpty() && !(node instanceof LocalRelation || node instanceof OneRowRelation || node instanceof Range
                    || node instanceof LogicalRelation || node.getClass().getSimpleName().equals("CTERelationRef"))) {
                throw new SqlException(SqlException.Category.REFUSED, "the query reads a source that is not a registered view ("
                        + node.getClass().getSimpleName() + ")");
            }
            if (node instanceof LogicalRelation relation) {
                if (!(relation.relation() instanceof HadoopFsRelation files)) {
                    throw new SqlException(SqlException.Category.REFUSED, "the query reads a source that is not a registered view");
                }
                for (org.apache.hadoop.fs.Path path : CollectionConverters.asJava(files.location().rootPaths())) {
                    if (!readableLocations.contains(path.toString())) {
                        throw new SqlException(SqlException.Category.REFUSED, "reading files is not allowed (" + path
                                + "): only the registered views can be read");
                    }
                }
            }
        }
        for (Expression expression : QueryPlans.expressions(analyzed)) {
            if (expression instanceof CallMethodViaReflection reflection) {
                throw deniedFunction(reflection.prettyName());
            }
            if (expression instanceof ScalaUDF || expression.getClass().getSimpleName().contains("PythonUDF")) {
                throw new SqlException(SqlException.Category.REFUSED, "user-defined functions are not allowed");
            }
            if (expression instanceof InputFileName || expression instanceof InputFileBlockStart || expression instanceof InputFileBlockLength) {
                throw fileFunction(expression.prettyName());
            }
            if (expression instanceof AttributeReference attribute && (attribute.name().equalsIgnoreCase(METADATA_COLUMN)
                    || MetadataAttribute.isValid(attribute.metadata()))) {
                throw metadataColumn();
            }
            ValueSize.check(expression);
        }
    }

    private static SqlException deniedFunction(String name)
    {
        return new SqlException(SqlException.Category.REFUSED, "function '" + name + "' is not allowed: it calls Java methods in the server");
    }

    private static SqlException fileFunction(String name)
    {
        return new SqlException(SqlException.Category.REFUSED, "function '" + name + "' is not allowed: it shows where the server keeps its files");
    }

    private static SqlException metadataColumn()
    {
        return new SqlException(SqlException.Category.REFUSED, "the column '" + METADATA_COLUMN + "' is not allowed: it shows where the server keeps its files");
    }

    private static SqlException qualifiedFunction(List<String> name)
    {
        return new SqlException(SqlException.Category.REFUSED, "qualified function name '" + String.join(".", name)
                + "' is not allowed: call built-in functions by their plain names");
    }

    private static SqlException refusedStatement(String text)
    {
        return new SqlException(SqlException.Category.REFUSED, statementKind(text) + " is not allowed: only read-only queries of the"
                + " registered views may run (" + ALLOWED + ")");
    }

    /** The statement's leading keywords, upper-cased: {@code SET}, {@code ADD JAR}, {@code CREATE TABLE}, {@code INSERT INTO}. */
    static String statementKind(String text)
    {
        Matcher comments = LEADING_COMMENTS.matcher(text);
        String rest = comments.lookingAt() ? text.substring(comments.end()) : text;
        Matcher words = WORD.matcher(rest);
        List<String> kind = new ArrayList<>();
        int position = 0;
        while (words.find() && kind.size() < 6) {
            if (!rest.substring(position, words.start()).isBlank()) {
                break;
            }
            String word = words.group().toUpperCase(Locale.ROOT);
            kind.add(word);
            position = words.end();
            String first = kind.get(0);
            if (first.equals("CREATE") || first.equals("REPLACE")) {
                if (Set.of("TABLE", "VIEW", "FUNCTION", "DATABASE", "SCHEMA", "NAMESPACE", "INDEX", "VARIABLE", "CATALOG").contains(word)) {
                    break;
                }
                continue;
            }
            if (kind.size() == (TWO_WORD_STATEMENTS.contains(first) ? 2 : 1)) {
                break;
            }
        }
        return kind.isEmpty() ? "this statement" : String.join(" ", kind);
    }
}
