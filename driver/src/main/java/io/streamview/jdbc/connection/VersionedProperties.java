package io.streamview.jdbc.connection;

import java.util.AbstractCollection;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The properties of a Calcite connection, with a version that every change raises: {@link CachedConnectionConfig}
 * keeps the values it read only while the version is the one it read them at, so a property changed on the
 * connection ({@code unwrap(CalciteConnection.class).getProperties().setProperty(…)}) still takes effect on the next
 * statement. Every way to change a {@link Properties} goes through the methods overridden here, its key, value and
 * entry views included ({@code setProperty} and {@code load} call {@code put}).
 */
public final class VersionedProperties extends Properties {

  private static final long serialVersionUID = 1L;

  private transient volatile long version;

  /** A copy of {@code source} (its defaults included, flattened). */
  public VersionedProperties(Properties source) {
    super();
    for (String name : source.stringPropertyNames()) {
      super.put(name, source.getProperty(name));
    }
    for (Map.Entry<Object, Object> e : source.entrySet()) { // non-String keys or values (an object property)
      super.put(e.getKey(), e.getValue());
    }
  }

  /** Raised by every change. */
  public long version() {
    return version;
  }

  private void changed() {
    version++; // written under the table's monitor or by one thread: the readers need visibility, not atomicity
  }

  @Override public synchronized Object put(Object key, Object value) {
    changed();
    return super.put(key, value);
  }

  @Override public synchronized Object remove(Object key) {
    changed();
    return super.remove(key);
  }

  @Override public synchronized void putAll(Map<?, ?> t) {
    changed();
    super.putAll(t);
  }

  @Override public synchronized void clear() {
    changed();
    super.clear();
  }

  @Override public synchronized void replaceAll(BiFunction<? super Object, ? super Object, ?> function) {
    changed();
    super.replaceAll(function);
  }

  @Override public synchronized Object putIfAbsent(Object key, Object value) {
    changed();
    return super.putIfAbsent(key, value);
  }

  @Override public synchronized boolean remove(Object key, Object value) {
    changed();
    return super.remove(key, value);
  }

  @Override public synchronized boolean replace(Object key, Object oldValue, Object newValue) {
    changed();
    return super.replace(key, oldValue, newValue);
  }

  @Override public synchronized Object replace(Object key, Object value) {
    changed();
    return super.replace(key, value);
  }

  @Override public synchronized Object computeIfAbsent(Object key, Function<? super Object, ?> mappingFunction) {
    changed();
    return super.computeIfAbsent(key, mappingFunction);
  }

  @Override public synchronized Object computeIfPresent(Object key,
                                                        BiFunction<? super Object, ? super Object, ?> function) {
    changed();
    return super.computeIfPresent(key, function);
  }

  @Override public synchronized Object compute(Object key, BiFunction<? super Object, ? super Object, ?> function) {
    changed();
    return super.compute(key, function);
  }

  @Override public synchronized Object merge(Object key, Object value,
                                             BiFunction<? super Object, ? super Object, ?> function) {
    changed();
    return super.merge(key, value, function);
  }

  @Override public Set<Object> keySet() {
    return new WatchedSet<>(super.keySet());
  }

  @Override public Collection<Object> values() {
    Collection<Object> values = super.values();
    return new AbstractCollection<>() {
      @Override public Iterator<Object> iterator() {
        return watched(values.iterator());
      }

      @Override public int size() {
        return values.size();
      }
    };
  }

  @Override public Set<Map.Entry<Object, Object>> entrySet() {
    Set<Map.Entry<Object, Object>> entries = super.entrySet();
    return new AbstractSet<>() {
      @Override public Iterator<Map.Entry<Object, Object>> iterator() {
        Iterator<Map.Entry<Object, Object>> it = watched(entries.iterator());
        return new Iterator<>() {
          @Override public boolean hasNext() {
            return it.hasNext();
          }

          @Override public Map.Entry<Object, Object> next() {
            Map.Entry<Object, Object> e = it.next();
            return new Map.Entry<>() {
              @Override public Object getKey() {
                return e.getKey();
              }

              @Override public Object getValue() {
                return e.getValue();
              }

              @Override public Object setValue(Object value) {
                changed();
                return e.setValue(value);
              }

              @Override public boolean equals(Object o) {
                return e.equals(o);
              }

              @Override public int hashCode() {
                return e.hashCode();
              }

              @Override public String toString() {
                return e.toString();
              }
            };
          }

          @Override public void remove() {
            it.remove();
          }
        };
      }

      @Override public int size() {
        return entries.size();
      }

      @Override public boolean contains(Object o) {
        return entries.contains(o);
      }

      @Override public boolean remove(Object o) {
        changed();
        return entries.remove(o);
      }
    };
  }

  private <E> Iterator<E> watched(Iterator<E> it) {
    return new Iterator<>() {
      @Override public boolean hasNext() {
        return it.hasNext();
      }

      @Override public E next() {
        return it.next();
      }

      @Override public void remove() {
        changed();
        it.remove();
      }
    };
  }

  /** A key set whose removals raise the version. */
  private final class WatchedSet<E> extends AbstractSet<E> {
    private final Set<E> set;

    WatchedSet(Set<E> set) {
      this.set = set;
    }

    @Override public Iterator<E> iterator() {
      return watched(set.iterator());
    }

    @Override public int size() {
      return set.size();
    }

    @Override public boolean contains(Object o) {
      return set.contains(o);
    }

    @Override public boolean remove(Object o) {
      changed();
      return set.remove(o);
    }
  }

  @Override public synchronized boolean equals(Object o) {
    return super.equals(o);
  }

  @Override public synchronized int hashCode() {
    return super.hashCode();
  }
}
