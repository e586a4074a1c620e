package io.streamview.engine.table;

import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.schema.lookup.Named;

import java.util.Set;

/**
 * An external schema ({@code CREATE EXTERNAL SCHEMA … FROM KINESIS}): every name in it is a stream, resolved
 * case-sensitively as Kinesis stream names are. Whether the stream exists is checked when a view is created.
 */
public final class ExternalStreamSchema extends AbstractSchema {

  private final String schemaName;

  public ExternalStreamSchema(String schemaName) {
    this.schemaName = schemaName;
  }

  public String schemaName() {
    return schemaName;
  }

  @Override public Lookup<Table> tables() {
    return new Lookup<>() {
      @Override public Table get(String name) {
        return new StreamTable(schemaName, name);
      }

      @Override public Named<Table> getIgnoreCase(String name) {
        return new Named<>(name, new StreamTable(schemaName, name));
      }

      @Override public Set<String> getNames(LikePattern pattern) {
        return Set.of();
      }
    };
  }
}
