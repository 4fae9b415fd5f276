package vn.dancu.engine.sql;

import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.plans.QueryPlan;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import scala.jdk.javaapi.CollectionConverters;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Walks Spark logical plans completely: children, inner children (CTE definitions) and subquery plans. */
final class QueryPlans
{
    private QueryPlans() {}

    /** Every plan node reachable from {@code root}, root first. */
    static List<LogicalPlan> nodes(LogicalPlan root)
    {
        List<LogicalPlan> nodes = new ArrayList<>();
        visit(root, nodes::add);
        return nodes;
    }

    private static void visit(QueryPlan<?> plan, Consumer<LogicalPlan> visitor)
    {
        if (plan instanceof LogicalPlan logical) {
            visitor.accept(logical);
        }
        for (Object child : CollectionConverters.asJava(plan.children())) {
            visit((QueryPlan<?>) child, visitor);
        }
        for (QueryPlan<?> inner : CollectionConverters.asJava(plan.innerChildren())) {
            visit(inner, visitor);
        }
        for (Object subquery : CollectionConverters.asJava(plan.subqueries())) {
            visit((QueryPlan<?>) subquery, visitor);
        }
    }

    /** Every expression of every node reachable from {@code root}, including nested ones. */
    static List<Expression> expressions(LogicalPlan root)
    {
        List<Expression> expressions = new ArrayList<>();
        for (LogicalPlan node : nodes(root)) {
            for (Expression expression : CollectionConverters.asJava(node.expressions())) {
                collect(expression, expressions);
            }
        }
        return expressions;
    }

    private static void collect(Expression expression, List<Expression> into)
    {
        into.add(expression);
        for (Expression child : CollectionConverters.asJava(expression.children())) {
            collect(child, into);
        }
    }

    /** The root paths of the files an analysed plan reads. */
    static Set<String> fileLocations(LogicalPlan analyzed)
    {
        Set<String> locations = new LinkedHashSet<>();
        for (LogicalPlan node : nodes(analyzed)) {
            if (node instanceof LogicalRelation relation && relation.relation() instanceof HadoopFsRelation files) {
                for (org.apache.hadoop.fs.Path path : CollectionConverters.asJava(files.location().rootPaths())) {
                    locations.add(path.toString());
                }
            }
        }
        return locations;
    }
}
