package io.streamview.jdbc.connection;

import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.Lex;
import org.apache.calcite.config.NullCollation;
import org.apache.calcite.sql.validate.SqlConformance;

import java.util.Properties;

/**
 * A Calcite connection configuration that reads each of the values Calcite and Avatica ask for on every statement
 * execution once, instead of parsing every connection property again on each call as
 * {@link CalciteConnectionConfigImpl} does (Calcite makes a new configuration and asks it for the time zone, the
 * locale, {@code spark} and {@code autoTemp} about five times per execution). It is valid for one
 * {@link VersionedProperties#version() version} of the connection's properties: the connection makes a new one when
 * a property changed. Values are read lazily; a race reads one twice, with the same result. Every other value is
 * read as {@link CalciteConnectionConfigImpl} reads it.
 */
public final class CachedConnectionConfig extends CalciteConnectionConfigImpl {

  private static final Object UNREAD = new Object();

  private final long version;
  private Object timeZone = UNREAD;
  private Object locale = UNREAD;
  private Object schema = UNREAD;
  private Object spark = UNREAD;
  private Object autoTemp = UNREAD;
  private Object caseSensitive = UNREAD;
  private Object lex = UNREAD;
  private Object conformance = UNREAD;
  private Object defaultNullCollation = UNREAD;
  private Object forceDecorrelate = UNREAD;
  private Object typeCoercion = UNREAD;

  /** The configuration of {@code properties} at {@code version}. */
  public CachedConnectionConfig(Properties properties, long version) {
    super(properties);
    this.version = version;
  }

  /** The version of the connection's properties this configuration was made for. */
  public long version() {
    return version;
  }

  @Override public String timeZone() {
    Object v = timeZone;
    if (v == UNREAD) {
      v = super.timeZone();
      timeZone = v;
    }
    return (String) v;
  }

  @Override public String locale() {
    Object v = locale;
    if (v == UNREAD) {
      v = super.locale();
      locale = v;
    }
    return (String) v;
  }

  @Override public String schema() {
    Object v = schema;
    if (v == UNREAD) {
      v = super.schema();
      schema = v;
    }
    return (String) v;
  }

  @Override public boolean spark() {
    Object v = spark;
    if (v == UNREAD) {
      v = super.spark();
      spark = v;
    }
    return (Boolean) v;
  }

  @Override public boolean autoTemp() {
    Object v = autoTemp;
    if (v == UNREAD) {
      v = super.autoTemp();
      autoTemp = v;
    }
    return (Boolean) v;
  }

  @Override public boolean caseSensitive() {
    Object v = caseSensitive;
    if (v == UNREAD) {
      v = super.caseSensitive();
      caseSensitive = v;
    }
    return (Boolean) v;
  }

  @Override public Lex lex() {
    Object v = lex;
    if (v == UNREAD) {
      v = super.lex();
      lex = v;
    }
    return (Lex) v;
  }

  @Override public SqlConformance conformance() {
    Object v = conformance;
    if (v == UNREAD) {
      v = super.conformance();
      conformance = v;
    }
    return (SqlConformance) v;
  }

  @Override public NullCollation defaultNullCollation() {
    Object v = defaultNullCollation;
    if (v == UNREAD) {
      v = super.defaultNullCollation();
      defaultNullCollation = v;
    }
    return (NullCollation) v;
  }

  @Override public boolean forceDecorrelate() {
    Object v = forceDecorrelate;
    if (v == UNREAD) {
      v = super.forceDecorrelate();
      forceDecorrelate = v;
    }
    return (Boolean) v;
  }

  @Override public boolean typeCoercion() {
    Object v = typeCoercion;
    if (v == UNREAD) {
      v = super.typeCoercion();
      typeCoercion = v;
    }
    return (Boolean) v;
  }
}
