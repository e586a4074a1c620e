package io.streamview.jdbc.ddl;

import io.streamview.jdbc.error.ErrorCode;
import io.streamview.jdbc.error.StreamViewException;
import io.streamview.jdbc.parser.SqlAlterMaterializedView;
import io.streamview.jdbc.parser.SqlCreateExternalSchema;
import io.streamview.jdbc.parser.SqlCreateMaterializedView;
import io.streamview.jdbc.parser.SqlCreateTableStmt;
import io.streamview.jdbc.parser.SqlCreateViewStmt;
import io.streamview.jdbc.parser.SqlDropObjects;
import io.streamview.jdbc.parser.SqlRefreshMaterializedView;
import io.streamview.jdbc.parser.SqlTruncate;
import io.streamview.jdbc.parser.impl.StreamViewParserImpl;

import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.server.DdlExecutor;
import org.apache.calcite.server.DdlExecutorImpl;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSetOption;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParserImplFactory;

import java.io.Reader;

/**
 * Runs every DDL statement of a StreamView connection; Calcite dispatches to the {@code execute} method that takes
 * the statement's node class. Each statement checks first and writes the catalog once, so a failed statement
 * leaves nothing half-done.
 */
public final class StreamViewDdlExecutor extends DdlExecutorImpl {

  public static final StreamViewDdlExecutor INSTANCE = new StreamViewDdlExecutor();

  /** The parser factory named by the {@code parserFactory} connection property. */
  public static final SqlParserImplFactory PARSER_FACTORY = new SqlParserImplFactory() {
    @Override public SqlAbstractParserImpl getParser(Reader stream) {
      return StreamViewParserImpl.FACTORY.getParser(stream);
    }

    @Override public DdlExecutor getDdlExecutor() {
      return INSTANCE;
    }
  };

  private StreamViewDdlExecutor() {
  }

  @Override public void executeDdl(CalcitePrepare.Context context, SqlNode node) {
    try {
      super.executeDdl(context, node);
    } catch (UnsupportedOperationException e) {
      throw new StreamViewException(ErrorCode.FEATURE_NOT_SUPPORTED, "statement not supported: " + node);
    }
  }

  public void execute(SqlCreateExternalSchema node, CalcitePrepare.Context context) {
    ExternalSchemaCommands.create(DdlContext.database(context), node);
  }

  public void execute(SqlCreateTableStmt node, CalcitePrepare.Context context) {
    TableCommands.create(DdlContext.database(context), node);
  }

  public void execute(SqlCreateViewStmt node, CalcitePrepare.Context context) {
    ViewCommands.create(DdlContext.database(context), node);
  }

  public void execute(SqlCreateMaterializedView node, CalcitePrepare.Context context) {
    MaterializedViewCommands.create(DdlContext.database(context), node);
  }

  public void execute(SqlRefreshMaterializedView node, CalcitePrepare.Context context) {
    MaterializedViewCommands.refresh(DdlContext.database(context), node);
  }

  public void execute(SqlAlterMaterializedView node, CalcitePrepare.Context context) {
    MaterializedViewCommands.alter(DdlContext.database(context), node);
  }

  public void execute(SqlDropObjects node, CalcitePrepare.Context context) {
    DropCommands.drop(DdlContext.database(context), node);
  }

  public void execute(SqlTruncate node, CalcitePrepare.Context context) {
    TableCommands.truncate(DdlContext.database(context), node);
  }

  public void execute(SqlSetOption node, CalcitePrepare.Context context) {
    SessionSettings.set(node);
  }
}
