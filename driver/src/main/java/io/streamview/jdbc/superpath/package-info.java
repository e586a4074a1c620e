/**
 * SUPER navigation (PartiQL paths such as {@code payload.customer.id}, {@code t.payload.items[0].sku},
 * {@code payload."CamelCase"}) and the casts and comparisons of SUPER values, implemented as a rewrite inside
 * Calcite's validator: every connection prepares through {@link io.streamview.jdbc.superpath.SuperPrepare}, whose
 * validator turns a compound identifier whose prefix names a SUPER column, and {@code [n]}/{@code .name} applied to
 * a SUPER expression, into calls of the internal {@code sv_} functions of {@code io.streamview.jdbc.function}
 * before Calcite resolves them. Plain queries, views and materialized views' queries all pass through it.
 *
 * <p>May import Calcite's validator and prepare APIs, {@code io.streamview.jdbc.function} (function names and
 * {@code SuperPath}), {@code io.streamview.jdbc.error}, {@code io.streamview.jdbc.literal} (the planner's executor),
 * and the engine's {@code RedshiftTypes} for the SUPER marker
 * type; not storage, the boundary, DDL or pipeline packages.
 */
package io.streamview.jdbc.superpath;
