package io.streamview.engine.table;

import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

/**
 * One statement's view of a plain table, so that an {@code INSERT} is stored whole or not at all. Calcite's
 * table-modify code reads the collection's size, adds the statement's rows one by one, and reads the size again for
 * the count it returns; the rows added are held here and written with one {@link StoredRowCollection#addAll} (one
 * unit for scans) when the size is read after them. A statement that fails part-way (a value that does not convert,
 * an error in its query) never reads the size again, so none of its rows are stored. {@code DELETE} goes straight to
 * the table. A new instance is handed out each time the generated code asks for the collection.
 */
final class StatementInsert extends AbstractCollection<Object> {

  private final StoredRowCollection table;
  private final List<Object> held = new ArrayList<>();

  StatementInsert(StoredRowCollection table) {
    this.table = table;
  }

  @Override public boolean add(Object row) {
    held.add(row);
    return true;
  }

  /** Stores the rows held, then the table's size. */
  @Override public int size() {
    if (!held.isEmpty()) {
      List<Object> rows = new ArrayList<>(held);
      held.clear();
      table.addAll(rows);
    }
    return table.size();
  }

  @Override public Iterator<Object> iterator() {
    return table.iterator();
  }

  @Override public boolean removeAll(Collection<?> c) {
    return table.removeAll(c);
  }

  @Override public void clear() {
    held.clear();
    table.clear();
  }
}
