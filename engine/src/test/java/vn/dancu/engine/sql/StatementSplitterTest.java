package vn.dancu.engine.sql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatementSplitterTest
{
    @Test
    void splitsAtSemicolonsOutsideQuotesAndComments()
    {
        assertEquals(List.of("SELECT 'a;b' AS x", "SELECT \"c;\" -- d;\nFROM t", "SELECT `e;f` /* g; */ FROM u"),
                StatementSplitter.split("SELECT 'a;b' AS x; SELECT \"c;\" -- d;\nFROM t;\nSELECT `e;f` /* g; */ FROM u;  "));
    }

    @Test
    void dropsBlankAndCommentOnlyStatements()
    {
        assertEquals(List.of("SELECT 1"), StatementSplitter.split(";; -- only a comment\n; SELECT 1; /* and another */"));
    }

    @Test
    void aStatementIsCompleteOnlyAtASemicolonOutsideQuotes()
    {
        assertTrue(StatementSplitter.complete("SELECT 1;"));
        assertTrue(StatementSplitter.complete("SELECT 1; -- done"));
        assertFalse(StatementSplitter.complete("SELECT 1"));
        assertFalse(StatementSplitter.complete("SELECT ';"));
        assertFalse(StatementSplitter.complete("SELECT 1 /* ; */"));
        assertFalse(StatementSplitter.complete("SELECT 'it''s' AS x"));
        assertTrue(StatementSplitter.complete("SELECT 'it''s' AS x;"));
    }

    @Test
    void statementKindNamesTheLeadingKeywords()
    {
        assertEquals("ADD JAR", StatementGuard.statementKind("  add jar /tmp/x.jar"));
        assertEquals("CREATE OR REPLACE TEMPORARY VIEW", StatementGuard.statementKind("/* c */ CREATE OR REPLACE TEMPORARY VIEW v AS SELECT 1"));
        assertEquals("INSERT OVERWRITE", StatementGuard.statementKind("INSERT OVERWRITE TABLE t SELECT 1"));
        assertEquals("SET", StatementGuard.statementKind("-- x\nSET a=b"));
    }
}
