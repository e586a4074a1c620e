/**
 * Constant folding at planning time that Calcite would otherwise do by generating and compiling Java code per
 * expression: {@link io.streamview.jdbc.literal.LiteralCastExecutor} folds casts of numeric literals to
 * approximate types, the casts an {@code INSERT … VALUES} gets for every row.
 *
 * <p>May import Calcite's {@code rex}, {@code sql.type} and {@code DataContext}; nothing of StreamView.
 */
package io.streamview.jdbc.literal;
