package org.stockledger.sync.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.stockledger.sync.PosCount;
import org.stockledger.sync.PosFeedException;

/**
 * Reads a CSV of counts: a header row naming {@code quantity} and {@code sku} and/or
 * {@code product_id} (any order, other columns ignored), then one row per product. Fields are
 * comma-separated and may be wrapped in double quotes (no commas inside). A missing header is a
 * malformed file; a bad row is an invalid count.
 */
public final class CsvCounts {

    public static final int ROWS_MAX = 10_000;

    private CsvCounts() {
    }

    public static List<PosCount> parse(String csv) throws PosFeedException {
        String[] lines = csv.replace("\r\n", "\n").replace('\r', '\n').split("\n");
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        if (first == lines.length) {
            throw new PosFeedException("the CSV is empty: a header row with sku or product_id and quantity is required");
        }
        String[] header = fields(lines[first]);
        int sku = -1;
        int productId = -1;
        int quantity = -1;
        for (int i = 0; i < header.length; i++) {
            switch (header[i].toLowerCase(Locale.ROOT)) {
                case "sku" -> sku = i;
                case "product_id" -> productId = i;
                case "quantity" -> quantity = i;
                default -> { }
            }
        }
        if (quantity < 0 || sku < 0 && productId < 0) {
            throw new PosFeedException("the CSV header must name quantity and sku or product_id (got: " + lines[first] + ")");
        }
        List<PosCount> counts = new ArrayList<>();
        for (int line = first + 1; line < lines.length; line++) {
            if (lines[line].isBlank()) {
                continue;
            }
            if (counts.size() >= ROWS_MAX) {
                throw new PosFeedException("the CSV holds more than " + ROWS_MAX + " rows");
            }
            String[] row = fields(lines[line]);
            String where = "line " + (line + 1);
            counts.add(CountRows.toCount(where, field(row, sku), field(row, productId), number(field(row, quantity))));
        }
        return counts;
    }

    private static String[] fields(String line) {
        String[] raw = line.split(",", -1);
        for (int i = 0; i < raw.length; i++) {
            String field = raw[i].trim();
            if (field.length() >= 2 && field.startsWith("\"") && field.endsWith("\"")) {
                field = field.substring(1, field.length() - 1);
            }
            raw[i] = field;
        }
        return raw;
    }

    private static String field(String[] row, int index) {
        return index >= 0 && index < row.length ? row[index] : null;
    }

    private static BigDecimal number(String text) {
        if (text == null || text.isBlank() || text.length() > 40) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
