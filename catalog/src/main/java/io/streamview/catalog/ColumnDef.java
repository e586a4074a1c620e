package io.streamview.catalog;

import java.util.Objects;

/**
 * One column of a table, view or materialized view.
 *
 * @param name      column name as stored (already case-folded by the caller)
 * @param typeName  Redshift type name in upper case, e.g. {@code VARCHAR}, {@code BIGINT},
 *                  {@code DECIMAL}, {@code TIMESTAMP}, {@code TIMESTAMPTZ}, {@code VARBYTE},
 *                  {@code SUPER}, {@code DOUBLE PRECISION}
 * @param precision precision or length, {@code -1} when none
 * @param scale     scale, {@code -1} when none
 * @param nullable  whether the column accepts NULL
 */
public record ColumnDef(String name, String typeName, int precision, int scale, boolean nullable) {

    public ColumnDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(typeName, "typeName");
    }
}
