package dev.awaitable.analyzer;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table: a header, rows, columns padded to their widest cell. The first column is
 * left-aligned, the others right-aligned (they hold numbers), unless told otherwise.
 */
final class TextTable {
    private final List<String[]> rows = new ArrayList<>();
    private final String[] header;
    private final boolean[] left;

    TextTable(String... header) {
        this.header = header;
        this.left = new boolean[header.length];
        left[0] = true;
    }

    /** Left-aligns column {@code i} too (a text column). */
    TextTable leftAligned(int i) {
        left[i] = true;
        return this;
    }

    TextTable row(Object... cells) {
        String[] r = new String[header.length];
        for (int i = 0; i < r.length; i++) {
            Object c = i < cells.length ? cells[i] : null;
            r[i] = c == null ? Units.NONE : c.toString();
        }
        rows.add(r);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The table, each line starting with {@code indent}, ending in a newline. */
    String render(String indent) {
        int[] width = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            width[i] = header[i].length();
        }
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, indent, header, width);
        for (String[] r : rows) {
            line(sb, indent, r, width);
        }
        return sb.toString();
    }

    private void line(StringBuilder sb, String indent, String[] cells, int[] width) {
        StringBuilder line = new StringBuilder(indent);
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append("  ");
            }
            String pad = " ".repeat(width[i] - cells[i].length());
            line.append(left[i] ? cells[i] + pad : pad + cells[i]);
        }
        sb.append(line.toString().stripTrailing()).append('\n');
    }
}
