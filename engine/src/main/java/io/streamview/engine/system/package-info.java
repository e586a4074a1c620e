/**
 * Redshift's system views over streaming ingestion and materialized views ({@code SYS_STREAM_SCAN_STATES},
 * {@code SYS_STREAM_SCAN_ERRORS}, {@code STV_MV_INFO}, {@code SVV_MV_INFO}, {@code SYS_MV_REFRESH_HISTORY},
 * {@code SVL_MV_REFRESH_STATUS}, {@code STV_MV_DEPS}) and StreamView's own {@code SYS_STREAM_LAG}, as read-only
 * Calcite tables computed at each scan from the catalog, the committed positions and the database's
 * {@link io.streamview.engine.database.RefreshLog}. May import Calcite, the catalog and the database package; never
 * {@code java.sql} or the driver.
 */
package io.streamview.engine.system;
