package io.streamview.engine.table;

import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.rel.type.RelProtoDataType;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.SchemaVersion;
import org.apache.calcite.schema.Schemas;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.schema.lookup.Named;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An external schema ({@code CREATE EXTERNAL SCHEMA … FROM KINESIS}): every name in it is a stream, resolved
 * case-sensitively as Kinesis stream names are. Whether the stream exists is checked when a view is created. The
 * schema lists the streams it knows of, because Calcite resolves names in a snapshot of the listed names.
 */
public final class ExternalStreamSchema implements Schema {

  private final String schemaName;
  private final Supplier<Set<String>> knownStreams;

  /**
   * @param knownStreams the stream names to list (Calcite resolves names in a snapshot of the listed ones): those
   *                     of the schema's materialized views and those that statements have named
   */
  public ExternalStreamSchema(String schemaName, Supplier<Set<String>> knownStreams) {
    this.schemaName = schemaName;
    this.knownStreams = knownStreams;
  }

  public String schemaName() {
    return schemaName;
  }

  @Override public Lookup<Table> tables() {
    return new Lookup<>() {
      @Override public Table get(String name) {
        return getTable(name);
      }

      @Override public Named<Table> getIgnoreCase(String name) {
        return new Named<>(name, getTable(name));
      }

      @Override public Set<String> getNames(LikePattern pattern) {
        return getTableNames();
      }
    };
  }

  @Override public Lookup<? extends Schema> subSchemas() {
    return Lookup.empty();
  }

  @Override public Table getTable(String name) {
    return new StreamTable(schemaName, name);
  }

  @Override public Set<String> getTableNames() {
    return knownStreams.get();
  }

  @Override public RelProtoDataType getType(String name) {
    return null;
  }

  @Override public Set<String> getTypeNames() {
    return Set.of();
  }

  @Override public Collection<Function> getFunctions(String name) {
    return List.of();
  }

  @Override public Set<String> getFunctionNames() {
    return Set.of();
  }

  @Override public Schema getSubSchema(String name) {
    return null;
  }

  @Override public Set<String> getSubSchemaNames() {
    return Set.of();
  }

  @Override public Expression getExpression(SchemaPlus parentSchema, String name) {
    return Schemas.subSchemaExpression(parentSchema, name, getClass());
  }

  @Override public boolean isMutable() {
    return false;
  }

  @Override public Schema snapshot(SchemaVersion version) {
    return this;
  }
}
