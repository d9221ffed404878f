package io.github.mpota.benchmark.report;

import java.util.ArrayList;
import java.util.List;

/** A Markdown table with padded columns, readable as plain text and pasteable into docs/PERFORMANCE.md. */
public final class Table {

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String... headers) {
        this.headers = List.of(headers);
    }

    public Table row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of "
                    + headers.size() + " columns");
        }
        List<String> row = new ArrayList<>();
        for (Object c : cells) {
            row.add(String.valueOf(c));
        }
        rows.add(row);
        return this;
    }

    public String render() {
        int[] width = new int[headers.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = Math.max(3, headers.get(i).length());
            for (List<String> r : rows) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, headers, width);
        sb.append('|');
        for (int w : width) {
            sb.append(' ').append("-".repeat(w)).append(" |");
        }
        sb.append('\n');
        for (List<String> r : rows) {
            line(sb, r, width);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] width) {
        sb.append('|');
        for (int i = 0; i < width.length; i++) {
            String c = cells.get(i);
            sb.append(' ').append(c).append(" ".repeat(width[i] - c.length())).append(" |");
        }
        sb.append('\n');
    }
}
