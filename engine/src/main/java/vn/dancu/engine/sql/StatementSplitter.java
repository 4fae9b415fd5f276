package vn.dancu.engine.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into statements at semicolons that are outside quotes ({@code '…'}, {@code "…"}, {@code `…`})
 * and comments ({@code -- …}, {@code /* … *}{@code /}). The shell also asks it whether the text typed so far ends a
 * statement.
 */
public final class StatementSplitter
{
    private StatementSplitter() {}

    /** The statements of {@code text}, stripped, without their semicolons; blank ones and comment-only ones dropped. */
    public static List<String> split(String text)
    {
        List<String> statements = new ArrayList<>();
        Scan scan = scan(text);
        int start = 0;
        for (int end : scan.semicolons) {
            add(statements, text.substring(start, end));
            start = end + 1;
        }
        add(statements, text.substring(start));
        return statements;
    }

    /** True when the text ends with a semicolon outside quotes and comments (ignoring trailing blanks and comments). */
    public static boolean complete(String text)
    {
        Scan scan = scan(text);
        if (scan.open || scan.semicolons.isEmpty()) {
            return false;
        }
        int last = scan.semicolons.get(scan.semicolons.size() - 1);
        return withoutComments(text.substring(last + 1)).isBlank();
    }

    private static void add(List<String> statements, String statement)
    {
        if (!withoutComments(statement).isBlank()) {
            statements.add(statement.strip());
        }
    }

    private static String withoutComments(String text)
    {
        return text.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\\n]*", " ");
    }

    private record Scan(List<Integer> semicolons, boolean open) {}

    private static Scan scan(String text)
    {
        List<Integer> semicolons = new ArrayList<>();
        char quote = 0;
        boolean lineComment = false;
        boolean blockComment = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
            if (lineComment) {
                lineComment = c != '\n';
                continue;
            }
            if (blockComment) {
                if (c == '*' && next == '/') {
                    blockComment = false;
                    i++;
                }
                continue;
            }
            if (quote != 0) {
                if (c == '\\' && quote != '`') {
                    i++;
                }
                else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '-' && next == '-') {
                lineComment = true;
                i++;
            }
            else if (c == '/' && next == '*') {
                blockComment = true;
                i++;
            }
            else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            }
            else if (c == ';') {
                semicolons.add(i);
            }
        }
        return new Scan(semicolons, quote != 0 || blockComment);
    }
}
