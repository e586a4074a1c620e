package io.streamview.jdbc.plancache;

import java.lang.reflect.Type;
import java.util.List;

/**
 * What a cached plan is looked up by: besides the SQL text, everything else of the connection that planning reads
 * and that may differ between two executions of the same text.
 *
 * @param sql                      the statement's text as Calcite receives it
 * @param maxRowCount              the statement's max rows ({@code -1} for none), which Calcite plans in
 * @param elementType              the row type asked for
 * @param defaultSchemaPath        the connection's current schema ({@code Connection.setSchema})
 * @param caseSensitiveSuperFields {@code enable_case_sensitive_super_attribute}, which the validator reads
 */
record PlanKey(String sql, long maxRowCount, Type elementType, List<String> defaultSchemaPath,
               boolean caseSensitiveSuperFields) {
}
