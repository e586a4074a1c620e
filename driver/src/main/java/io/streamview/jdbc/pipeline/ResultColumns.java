package io.streamview.jdbc.pipeline;

import io.streamview.catalog.ColumnDef;
import io.streamview.engine.table.RedshiftTypeSystem;
import io.streamview.engine.table.RedshiftTypes;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeFactoryImpl;
import org.apache.calcite.sql.type.SqlTypeName;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Catalog columns for the result of a query, from the JDBC metadata of its prepared statement. */
public final class ResultColumns {

  private static final SqlTypeFactoryImpl TYPES = new SqlTypeFactoryImpl(RedshiftTypeSystem.INSTANCE);

  private ResultColumns() {
  }

  /** The first {@code count} columns of {@code md}, named as Redshift would name them. */
  public static List<ColumnDef> of(String objectName, ResultSetMetaData md, int count) throws SQLException {
    List<ColumnDef> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 1; i <= count; i++) {
      String label = md.getColumnLabel(i);
      String name = label.startsWith("EXPR$") ? "?column?" : label;
      if (!seen.add(name)) {
        throw StreamingQueryAnalyzer.unsupportedName(objectName, name);
      }
      SqlTypeName typeName = SqlTypeName.get(md.getColumnTypeName(i).toUpperCase(Locale.ROOT)
          .replace(' ', '_'));
      if (typeName == null) {
        throw new IllegalArgumentException("column " + name + " of " + objectName + " has type "
            + md.getColumnTypeName(i) + ", which a stored relation cannot hold");
      }
      RelDataType t;
      if (typeName.allowsPrecScale(true, true)) {
        t = TYPES.createSqlType(typeName, md.getPrecision(i), md.getScale(i));
      } else if (typeName.allowsPrecNoScale() && md.getPrecision(i) > 0) {
        t = TYPES.createSqlType(typeName, md.getPrecision(i));
      } else if (typeName.allowsPrecNoScale()) {
        // an unbounded string or binary (e.g. a function's result) is reported with precision 0
        t = TYPES.createSqlType(typeName, RelDataType.PRECISION_NOT_SPECIFIED);
      } else {
        t = TYPES.createSqlType(typeName);
      }
      t = TYPES.createTypeWithNullability(t, md.isNullable(i) != ResultSetMetaData.columnNoNulls);
      out.add(RedshiftTypes.toColumnDef(name, t));
    }
    return out;
  }
}
