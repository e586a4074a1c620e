package io.streamview.engine.table;

import io.streamview.engine.source.StreamRecord;

import org.apache.calcite.DataContext;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;

import java.util.ArrayList;
import java.util.List;

/**
 * A stream of an external schema, as a table with Redshift's Kinesis columns. Only a materialized view's refresh
 * reads it: its scan yields the batch in the current {@link StreamBatchScope}.
 */
public final class StreamTable extends AbstractTable implements ScannableTable {

  private final String schemaName;
  private final String streamName;

  public StreamTable(String schemaName, String streamName) {
    this.schemaName = schemaName;
    this.streamName = streamName;
  }

  public String schemaName() {
    return schemaName;
  }

  public String streamName() {
    return streamName;
  }

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return StreamColumns.rowType(typeFactory);
  }

  @Override public Enumerable<Object[]> scan(DataContext root) {
    StreamBatchScope scope = StreamBatchScope.current();
    if (scope == null || !scope.streamName().equals(streamName)) {
      throw new StreamReadOutsideRefreshException(schemaName, streamName);
    }
    long refreshMillis = scope.refreshTime().toEpochMilli();
    List<Object[]> rows = new ArrayList<>(scope.records().size());
    for (StreamRecord r : scope.records()) {
      rows.add(new Object[] {
          r.approximateArrivalTimestamp().toEpochMilli(),
          r.partitionKey(),
          r.shardId(),
          r.sequenceNumber(),
          refreshMillis,
          new ByteString(r.data())
      });
    }
    return Linq4j.asEnumerable(rows);
  }
}
