package io.streamview.jdbc.meta;

import static io.streamview.jdbc.meta.MetaColumn.bigint;
import static io.streamview.jdbc.meta.MetaColumn.bool;
import static io.streamview.jdbc.meta.MetaColumn.integer;
import static io.streamview.jdbc.meta.MetaColumn.smallint;
import static io.streamview.jdbc.meta.MetaColumn.text;

import java.util.List;

/** The columns of each {@code DatabaseMetaData} result set, in the order and with the types the JDBC spec gives. */
final class MetaLayouts {

  static final List<MetaColumn> CATALOGS = List.of(text("TABLE_CAT"));
  /** {@code REMARKS} is StreamView's addition: an external schema's stream source. */
  static final List<MetaColumn> SCHEMAS = List.of(text("TABLE_SCHEM"), text("TABLE_CATALOG"), text("REMARKS"));
  static final List<MetaColumn> TABLE_TYPES = List.of(text("TABLE_TYPE"));
  static final List<MetaColumn> TABLES = List.of(text("TABLE_CAT"), text("TABLE_SCHEM"), text("TABLE_NAME"),
      text("TABLE_TYPE"), text("REMARKS"), text("TYPE_CAT"), text("TYPE_SCHEM"), text("TYPE_NAME"),
      text("SELF_REFERENCING_COL_NAME"), text("REF_GENERATION"));
  static final List<MetaColumn> COLUMNS = List.of(text("TABLE_CAT"), text("TABLE_SCHEM"), text("TABLE_NAME"),
      text("COLUMN_NAME"), integer("DATA_TYPE"), text("TYPE_NAME"), integer("COLUMN_SIZE"), integer("BUFFER_LENGTH"),
      integer("DECIMAL_DIGITS"), integer("NUM_PREC_RADIX"), integer("NULLABLE"), text("REMARKS"), text("COLUMN_DEF"),
      integer("SQL_DATA_TYPE"), integer("SQL_DATETIME_SUB"), integer("CHAR_OCTET_LENGTH"),
      integer("ORDINAL_POSITION"), text("IS_NULLABLE"), text("SCOPE_CATALOG"), text("SCOPE_SCHEMA"),
      text("SCOPE_TABLE"), smallint("SOURCE_DATA_TYPE"), text("IS_AUTOINCREMENT"), text("IS_GENERATEDCOLUMN"));
  static final List<MetaColumn> PRIMARY_KEYS = List.of(text("TABLE_CAT"), text("TABLE_SCHEM"), text("TABLE_NAME"),
      text("COLUMN_NAME"), smallint("KEY_SEQ"), text("PK_NAME"));
  static final List<MetaColumn> KEYS = List.of(text("PKTABLE_CAT"), text("PKTABLE_SCHEM"), text("PKTABLE_NAME"),
      text("PKCOLUMN_NAME"), text("FKTABLE_CAT"), text("FKTABLE_SCHEM"), text("FKTABLE_NAME"), text("FKCOLUMN_NAME"),
      smallint("KEY_SEQ"), smallint("UPDATE_RULE"), smallint("DELETE_RULE"), text("FK_NAME"), text("PK_NAME"),
      smallint("DEFERRABILITY"));
  static final List<MetaColumn> INDEX_INFO = List.of(text("TABLE_CAT"), text("TABLE_SCHEM"), text("TABLE_NAME"),
      bool("NON_UNIQUE"), text("INDEX_QUALIFIER"), text("INDEX_NAME"), smallint("TYPE"), smallint("ORDINAL_POSITION"),
      text("COLUMN_NAME"), text("ASC_OR_DESC"), bigint("CARDINALITY"), bigint("PAGES"), text("FILTER_CONDITION"));
  static final List<MetaColumn> TYPE_INFO = List.of(text("TYPE_NAME"), integer("DATA_TYPE"), integer("PRECISION"),
      text("LITERAL_PREFIX"), text("LITERAL_SUFFIX"), text("CREATE_PARAMS"), smallint("NULLABLE"),
      bool("CASE_SENSITIVE"), smallint("SEARCHABLE"), bool("UNSIGNED_ATTRIBUTE"), bool("FIXED_PREC_SCALE"),
      bool("AUTO_INCREMENT"), text("LOCAL_TYPE_NAME"), smallint("MINIMUM_SCALE"), smallint("MAXIMUM_SCALE"),
      integer("SQL_DATA_TYPE"), integer("SQL_DATETIME_SUB"), integer("NUM_PREC_RADIX"));
  static final List<MetaColumn> FUNCTIONS = List.of(text("FUNCTION_CAT"), text("FUNCTION_SCHEM"),
      text("FUNCTION_NAME"), text("REMARKS"), smallint("FUNCTION_TYPE"), text("SPECIFIC_NAME"));
  static final List<MetaColumn> FUNCTION_COLUMNS = List.of(text("FUNCTION_CAT"), text("FUNCTION_SCHEM"),
      text("FUNCTION_NAME"), text("COLUMN_NAME"), smallint("COLUMN_TYPE"), integer("DATA_TYPE"), text("TYPE_NAME"),
      integer("PRECISION"), integer("LENGTH"), smallint("SCALE"), smallint("RADIX"), smallint("NULLABLE"),
      text("REMARKS"), integer("CHAR_OCTET_LENGTH"), integer("ORDINAL_POSITION"), text("IS_NULLABLE"),
      text("SPECIFIC_NAME"));
  static final List<MetaColumn> PROCEDURES = List.of(text("PROCEDURE_CAT"), text("PROCEDURE_SCHEM"),
      text("PROCEDURE_NAME"), text("RESERVED1"), text("RESERVED2"), text("RESERVED3"), text("REMARKS"),
      smallint("PROCEDURE_TYPE"), text("SPECIFIC_NAME"));
  static final List<MetaColumn> PROCEDURE_COLUMNS = List.of(text("PROCEDURE_CAT"), text("PROCEDURE_SCHEM"),
      text("PROCEDURE_NAME"), text("COLUMN_NAME"), smallint("COLUMN_TYPE"), integer("DATA_TYPE"), text("TYPE_NAME"),
      integer("PRECISION"), integer("LENGTH"), smallint("SCALE"), smallint("RADIX"), smallint("NULLABLE"),
      text("REMARKS"), text("COLUMN_DEF"), integer("SQL_DATA_TYPE"), integer("SQL_DATETIME_SUB"),
      integer("CHAR_OCTET_LENGTH"), integer("ORDINAL_POSITION"), text("IS_NULLABLE"), text("SPECIFIC_NAME"));
  static final List<MetaColumn> CLIENT_INFO = List.of(text("NAME"), integer("MAX_LEN"), text("DEFAULT_VALUE"),
      text("DESCRIPTION"));
  static final List<MetaColumn> BEST_ROW = List.of(smallint("SCOPE"), text("COLUMN_NAME"), integer("DATA_TYPE"),
      text("TYPE_NAME"), integer("COLUMN_SIZE"), integer("BUFFER_LENGTH"), smallint("DECIMAL_DIGITS"),
      smallint("PSEUDO_COLUMN"));
  static final List<MetaColumn> VERSION_COLUMNS = List.of(smallint("SCOPE"), text("COLUMN_NAME"),
      integer("DATA_TYPE"), text("TYPE_NAME"), integer("COLUMN_SIZE"), integer("BUFFER_LENGTH"),
      smallint("DECIMAL_DIGITS"), smallint("PSEUDO_COLUMN"));
  static final List<MetaColumn> TABLE_PRIVILEGES = List.of(text("TABLE_CAT"), text("TABLE_SCHEM"),
      text("TABLE_NAME"), text("GRANTOR"), text("GRANTEE"), text("PRIVILEGE"), text("IS_GRANTABLE"));
  static final List<MetaColumn> COLUMN_PRIVILEGES = List.of(text("TABLE_CAT"), text("TABLE_SCHEM"),
      text("TABLE_NAME"), text("COLUMN_NAME"), text("GRANTOR"), text("GRANTEE"), text("PRIVILEGE"),
      text("IS_GRANTABLE"));
  static final List<MetaColumn> UDTS = List.of(text("TYPE_CAT"), text("TYPE_SCHEM"), text("TYPE_NAME"),
      text("CLASS_NAME"), integer("DATA_TYPE"), text("REMARKS"), smallint("BASE_TYPE"));
  static final List<MetaColumn> SUPER_TYPES = List.of(text("TYPE_CAT"), text("TYPE_SCHEM"), text("TYPE_NAME"),
      text("SUPERTYPE_CAT"), text("SUPERTYPE_SCHEM"), text("SUPERTYPE_NAME"));
  static final List<MetaColumn> SUPER_TABLES = List.of(text("TABLE_CAT"), text("TABLE_SCHEM"), text("TABLE_NAME"),
      text("SUPERTABLE_NAME"));
  static final List<MetaColumn> ATTRIBUTES = List.of(text("TYPE_CAT"), text("TYPE_SCHEM"), text("TYPE_NAME"),
      text("ATTR_NAME"), integer("DATA_TYPE"), text("ATTR_TYPE_NAME"), integer("ATTR_SIZE"),
      integer("DECIMAL_DIGITS"), integer("NUM_PREC_RADIX"), integer("NULLABLE"), text("REMARKS"), text("ATTR_DEF"),
      integer("SQL_DATA_TYPE"), integer("SQL_DATETIME_SUB"), integer("CHAR_OCTET_LENGTH"),
      integer("ORDINAL_POSITION"), text("IS_NULLABLE"), text("SCOPE_CATALOG"), text("SCOPE_SCHEMA"),
      text("SCOPE_TABLE"), smallint("SOURCE_DATA_TYPE"));
  static final List<MetaColumn> PSEUDO_COLUMNS = List.of(text("TABLE_CAT"), text("TABLE_SCHEM"),
      text("TABLE_NAME"), text("COLUMN_NAME"), integer("DATA_TYPE"), integer("COLUMN_SIZE"),
      integer("DECIMAL_DIGITS"), integer("NUM_PREC_RADIX"), text("COLUMN_USAGE"), text("REMARKS"),
      integer("CHAR_OCTET_LENGTH"), text("IS_NULLABLE"));

  private MetaLayouts() {
  }
}
