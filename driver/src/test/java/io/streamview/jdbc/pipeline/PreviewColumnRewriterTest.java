package io.streamview.jdbc.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamview.jdbc.ddl.SqlParsing;

import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.junit.jupiter.api.Test;

/** Preview column names are rewritten where they name stream columns, and nowhere else. */
class PreviewColumnRewriterTest {

  private static String rewrite(String sql) throws Exception {
    SqlSelect select = (SqlSelect) SqlParsing.parse(sql);
    PreviewColumnRewriter.rewrite(select);
    return select.toSqlString(CalciteSqlDialect.DEFAULT).getSql();
  }

  @Test
  void bareAndNestedPreviewNamesBecomeTodaysNames() throws Exception {
    String out = rewrite("SELECT Data, JSON_PARSE(from_varbyte(Data, 'utf-8')) AS d FROM s.x WHERE is_utf8(Data)");
    assertTrue(out.contains("\"kinesis_data\" AS \"data\""), out);
    assertTrue(!out.contains("\"data\")"), out);
  }

  @Test
  void anAttributeNamedLikeAPreviewColumnIsLeftAlone() throws Exception {
    String out = rewrite("SELECT JSON_PARSE(kinesis_data).data AS a FROM s.x");
    assertTrue(out.contains(".\"data\" AS \"a\""), out);
    assertTrue(!out.contains(".\"kinesis_data\" AS \"a\""), out);
  }
}
