package io.streamview.engine.table;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The columns of a Kinesis stream as Redshift exposes them, and the preview-era names that map onto them
 * ({@code ApproximateArrivalTimestamp}, {@code PartitionKey}, {@code ShardId}, {@code SequenceNumber}, {@code Data}).
 */
public final class StreamColumns {

  public static final String APPROXIMATE_ARRIVAL_TIMESTAMP = "approximate_arrival_timestamp";
  public static final String PARTITION_KEY = "partition_key";
  public static final String SHARD_ID = "shard_id";
  public static final String SEQUENCE_NUMBER = "sequence_number";
  public static final String REFRESH_TIME = "refresh_time";
  public static final String KINESIS_DATA = "kinesis_data";

  /** Column names in table order. */
  public static final List<String> NAMES = List.of(APPROXIMATE_ARRIVAL_TIMESTAMP, PARTITION_KEY, SHARD_ID,
      SEQUENCE_NUMBER, REFRESH_TIME, KINESIS_DATA);

  /** Preview name (folded to lower case) to today's name. */
  public static final Map<String, String> PREVIEW_NAMES = Map.of(
      "approximatearrivaltimestamp", APPROXIMATE_ARRIVAL_TIMESTAMP,
      "partitionkey", PARTITION_KEY,
      "shardid", SHARD_ID,
      "sequencenumber", SEQUENCE_NUMBER,
      "data", KINESIS_DATA);

  private StreamColumns() {
  }

  /** Today's name for a column name that may be a preview name (any case), or null if it is neither. */
  public static String canonical(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (NAMES.contains(lower)) {
      return lower;
    }
    return PREVIEW_NAMES.get(lower);
  }

  static RelDataType rowType(RelDataTypeFactory f) {
    return f.builder()
        .add(APPROXIMATE_ARRIVAL_TIMESTAMP, f.createTypeWithNullability(f.createSqlType(SqlTypeName.TIMESTAMP, 3), false))
        .add(PARTITION_KEY, f.createTypeWithNullability(f.createSqlType(SqlTypeName.VARCHAR, 256), false))
        .add(SHARD_ID, f.createTypeWithNullability(f.createSqlType(SqlTypeName.CHAR, 20), false))
        .add(SEQUENCE_NUMBER, f.createTypeWithNullability(f.createSqlType(SqlTypeName.VARCHAR, 128), false))
        .add(REFRESH_TIME, f.createTypeWithNullability(f.createSqlType(SqlTypeName.TIMESTAMP, 3), false))
        .add(KINESIS_DATA, f.createTypeWithNullability(
            f.createSqlType(SqlTypeName.VARBINARY, RedshiftTypes.KINESIS_DATA_LENGTH), false))
        .build();
  }
}
