package io.streamview.jdbc.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * {@link VersionedProperties}: a copy of the given properties (defaults flattened, object values kept) whose version
 * every kind of change raises, views included, and no read does; and {@link CachedConnectionConfig}, read from them.
 */
class VersionedPropertiesTest {

  private static VersionedProperties sample() {
    Properties defaults = new Properties();
    defaults.setProperty("caseSensitive", "false");
    Properties given = new Properties(defaults);
    given.setProperty("timeZone", "UTC");
    given.setProperty("locale", "en_US");
    given.put("factoryObject", List.of("an object"));
    return new VersionedProperties(given);
  }

  @Test
  void aCopyWithItsDefaultsAndObjectValues() {
    VersionedProperties p = sample();
    assertEquals("UTC", p.getProperty("timeZone"));
    assertEquals("false", p.getProperty("caseSensitive"));
    assertEquals(List.of("an object"), p.get("factoryObject"));
    assertEquals(4, p.size());
  }

  @Test
  void everyChangeRaisesTheVersion() throws Exception {
    List<Consumer<VersionedProperties>> changes = List.of(
        p -> p.setProperty("timeZone", "America/New_York"),
        p -> p.put("locale", "de_DE"),
        p -> p.remove("locale"),
        p -> p.remove("locale", "en_US"),
        p -> p.putAll(Map.of("fun", "standard")),
        Properties::clear,
        p -> p.replaceAll((k, v) -> v),
        p -> p.putIfAbsent("fun", "standard"),
        p -> p.replace("timeZone", "UTC", "GMT"),
        p -> p.replace("timeZone", "GMT"),
        p -> p.computeIfAbsent("fun", k -> "standard"),
        p -> p.computeIfPresent("timeZone", (k, v) -> "GMT"),
        p -> p.compute("timeZone", (k, v) -> "GMT"),
        p -> p.merge("timeZone", "GMT", (a, b) -> b),
        p -> p.keySet().remove("timeZone"),
        p -> p.keySet().removeIf(k -> k.equals("timeZone")),
        p -> p.values().removeIf("UTC"::equals),
        p -> p.entrySet().removeIf(e -> e.getKey().equals("timeZone")),
        p -> p.entrySet().iterator().next().setValue("x"),
        p -> {
          Iterator<Object> it = p.keySet().iterator();
          it.next();
          it.remove();
        },
        p -> {
          try {
            p.load(new StringReader("timeZone=GMT"));
          } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
          }
        });
    for (int i = 0; i < changes.size(); i++) {
      VersionedProperties p = sample();
      long before = p.version();
      changes.get(i).accept(p);
      assertNotEquals(before, p.version(), "change " + i);
    }
  }

  @Test
  void readsLeaveTheVersion() {
    VersionedProperties p = sample();
    long before = p.version();
    p.getProperty("timeZone");
    p.stringPropertyNames();
    p.entrySet().forEach(e -> e.getValue());
    p.keySet().contains("locale");
    p.values().size();
    p.containsKey("fun");
    new org.apache.calcite.config.CalciteConnectionConfigImpl(p).timeZone();
    assertEquals(before, p.version());
  }

  @Test
  void theCachedConfigReadsAsCalcitesOwn() {
    VersionedProperties p = sample();
    p.setProperty("spark", "false");
    p.setProperty("conformance", "LENIENT");
    CachedConnectionConfig cached = new CachedConnectionConfig(p, p.version());
    org.apache.calcite.config.CalciteConnectionConfigImpl calcite =
        new org.apache.calcite.config.CalciteConnectionConfigImpl(p);
    for (int round = 0; round < 2; round++) { // the first read and the kept value
      assertEquals(calcite.timeZone(), cached.timeZone());
      assertEquals(calcite.locale(), cached.locale());
      assertEquals(calcite.schema(), cached.schema());
      assertEquals(calcite.spark(), cached.spark());
      assertEquals(calcite.autoTemp(), cached.autoTemp());
      assertEquals(calcite.caseSensitive(), cached.caseSensitive());
      assertEquals(calcite.lex(), cached.lex());
      assertEquals(calcite.conformance(), cached.conformance());
      assertEquals(calcite.defaultNullCollation(), cached.defaultNullCollation());
      assertEquals(calcite.forceDecorrelate(), cached.forceDecorrelate());
      assertEquals(calcite.typeCoercion(), cached.typeCoercion());
    }
    assertEquals(null, cached.schema(), "an unset value is kept as unset");
    assertTrue(cached.version() == p.version());
  }
}
