package io.streamview.jdbc.superpath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamview.jdbc.function.JsonFunctions;
import io.streamview.jdbc.function.SuperCastFunctions;
import io.streamview.jdbc.function.SuperComparisonFunctions;
import io.streamview.jdbc.function.SuperNavigationFunctions;
import io.streamview.jdbc.function.SuperPath;
import io.streamview.jdbc.function.SuperTypeFunctions;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

/** The SUPER functions on their own, without SQL: navigation, type information, casts and comparisons. */
class SuperFunctionsTest {

  private static final String DOC = JsonFunctions.jsonParse("""
      {"event": "click", "customer": {"id": 7, "Name": "Ann"},
       "items": [{"sku": "a1", "qty": 2}, {"sku": "b2", "qty": 1, "tags": ["x", {"deep": null}]}],
       "A": "HELLO", "a": "123", "OnlyUpper": 1, "price": 12.50, "nothing": null}""");

  private static String nav(String path) {
    return SuperNavigationFunctions.navigate(DOC, path, false);
  }

  @Nested
  class Paths {

    @Test
    void encodeAndDecodeAttributesAndPositions() {
      SuperPath p = SuperPath.empty().attribute("items").element(0).attribute("sku \"quoted\"");
      assertEquals("[\"items\",0,\"sku \\\"quoted\\\"\"]", p.encode());
      assertEquals(p, SuperPath.decode(p.encode()));
      assertEquals(p, SuperPath.empty().attribute("items").then(SuperPath.empty().element(0)
          .attribute("sku \"quoted\"")));
    }

    @Test
    void aTextThatIsNoPathIsRefused() {
      assertThrows(IllegalArgumentException.class, () -> SuperPath.decode("{\"a\":1}"));
      assertThrows(IllegalArgumentException.class, () -> SuperPath.decode("[1.5]"));
      assertNull(SuperNavigationFunctions.navigate(DOC, "not a path", false));
    }
  }

  @Nested
  class Navigation {

    @Test
    void attributesAndPositions() {
      assertEquals("7", nav("[\"customer\",\"id\"]"));
      assertEquals("\"a1\"", nav("[\"items\",0,\"sku\"]"));
      assertEquals("{\"sku\":\"b2\",\"qty\":1,\"tags\":[\"x\",{\"deep\":null}]}", nav("[\"items\",1]"));
      assertEquals("null", nav("[\"items\",1,\"tags\",1,\"deep\"]"));
      assertEquals(DOC, nav("[]"));
    }

    @Test
    void numbersKeepTheirDigits() {
      assertEquals("12.50", nav("[\"price\"]"));
    }

    @Test
    void aPathThatLeadsNowhereIsNull() {
      assertNull(nav("[\"missing\"]"));
      assertNull(nav("[\"customer\",\"id\",\"deeper\"]"));
      assertNull(nav("[\"items\",2]"));
      assertNull(nav("[\"items\",-1]"));
      assertNull(nav("[\"event\",0]"));
      assertNull(nav("[\"items\",\"sku\"]"));
      assertNull(nav("[0]"));
      assertNull(SuperNavigationFunctions.navigate(null, "[\"a\"]", false));
      assertNull(SuperNavigationFunctions.navigate("not json", "[\"a\"]", false));
      assertNull(SuperNavigationFunctions.navigate("{\"a\":", "[\"a\"]", false));
    }

    @Test
    void caseInsensitiveByDefaultExactMatchFirst() {
      // Redshift's documented example: {"A":…,"a":…} and col.A (folded to a) gives the "a" value
      assertEquals("\"123\"", nav("[\"a\"]"));
      assertEquals("\"HELLO\"", nav("[\"A\"]"));
      assertEquals("\"Ann\"", nav("[\"customer\",\"name\"]"));
      assertEquals("1", nav("[\"onlyupper\"]"));
    }

    @Test
    void caseSensitiveWhenAsked() {
      assertNull(SuperNavigationFunctions.navigate(DOC, "[\"customer\",\"name\"]", true));
      assertEquals("\"Ann\"", SuperNavigationFunctions.navigate(DOC, "[\"customer\",\"Name\"]", true));
      assertEquals("\"HELLO\"", SuperNavigationFunctions.navigate(DOC, "[\"A\"]", true));
    }

    @Test
    void aCaseInsensitiveMatchIsNavigatedFurther() {
      assertEquals("2", SuperNavigationFunctions.navigate("{\"X\":{\"Y\":[1,2]}}", "[\"x\",\"y\",1]", false));
    }

    @Test
    void runTimeSteps() {
      assertEquals("\"x\"", SuperNavigationFunctions.element("[\"x\",\"y\"]", 0));
      assertNull(SuperNavigationFunctions.element("[\"x\",\"y\"]", 5));
      assertNull(SuperNavigationFunctions.element("[\"x\",\"y\"]", null));
      assertEquals("\"HELLO\"", SuperNavigationFunctions.attribute(DOC, "A", false));
      assertEquals("\"123\"", SuperNavigationFunctions.attribute(DOC, "a", true));
    }

    @Test
    void nonCompactInputIsCompacted() {
      assertEquals("{\"b\":[1,2.0]}", SuperNavigationFunctions.navigate("{ \"a\" : { \"b\" : [ 1 , 2.0 ] } }",
          "[\"a\"]", false));
    }
  }

  @Nested
  class TypeInformation {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"a\":1} | object", "[1] | array", "\"s\" | string", "1 | number", "1.5 | number", "1e3 | number",
        "true | boolean", "null | null", "plain text | string"})
    void jsonTypeof(String value, String type) {
      assertEquals(type, SuperTypeFunctions.jsonTypeof(value));
    }

    @Test
    void sqlNullGivesNull() {
      assertNull(SuperTypeFunctions.jsonTypeof(null));
      assertNull(SuperTypeFunctions.isObject(null));
      assertNull(SuperTypeFunctions.isFloat(null));
      assertNull(SuperTypeFunctions.getArrayLength(null));
    }

    @Test
    void containersAndScalars() {
      assertTrue(SuperTypeFunctions.isObject("{}"));
      assertFalse(SuperTypeFunctions.isObject("[]"));
      assertTrue(SuperTypeFunctions.isArray("[]"));
      assertTrue(SuperTypeFunctions.isScalar("\"s\""));
      assertTrue(SuperTypeFunctions.isScalar("null"));
      assertFalse(SuperTypeFunctions.isScalar("{}"));
      assertTrue(SuperTypeFunctions.isVarchar("\"s\""));
      assertFalse(SuperTypeFunctions.isVarchar("1"));
      assertTrue(SuperTypeFunctions.isBoolean("false"));
      assertFalse(SuperTypeFunctions.isBoolean("\"true\""));
      assertFalse(SuperTypeFunctions.isObject("null"));
    }

    @ParameterizedTest
    @CsvSource({
        // value, smallint, integer, bigint, decimal, float
        "5, true, true, true, true, false",
        "-32768, true, true, true, true, false",
        "40000, false, true, true, true, false",
        "3000000000, false, false, true, true, false",
        "12345678901234567890, false, false, false, true, false",
        "1.22, false, false, false, true, false",
        "1.0, false, false, false, true, false",
        "2.22e0, false, false, false, false, true",
        "1E+3, false, false, false, false, true",
        "'\"5\"', false, false, false, false, false",
        "true, false, false, false, false, false"})
    void numbers(String value, boolean smallint, boolean integer, boolean bigint, boolean decimal, boolean isFloat) {
      assertEquals(smallint, SuperTypeFunctions.isSmallint(value), "IS_SMALLINT(" + value + ")");
      assertEquals(integer, SuperTypeFunctions.isInteger(value), "IS_INTEGER(" + value + ")");
      assertEquals(bigint, SuperTypeFunctions.isBigint(value), "IS_BIGINT(" + value + ")");
      assertEquals(decimal, SuperTypeFunctions.isDecimal(value), "IS_DECIMAL(" + value + ")");
      assertEquals(isFloat, SuperTypeFunctions.isFloat(value), "IS_FLOAT(" + value + ")");
    }

    @Test
    void arrayLengthAndSize() {
      assertEquals(3, SuperTypeFunctions.getArrayLength("[1,[2,3],{\"a\":[4]}]"));
      assertEquals(0, SuperTypeFunctions.getArrayLength("[]"));
      assertNull(SuperTypeFunctions.getArrayLength("{\"a\":1}"));
      assertNull(SuperTypeFunctions.getArrayLength("\"[1]\""));
      assertEquals(8, SuperTypeFunctions.jsonSize("\"héllo\""));
    }
  }

  @Nested
  class Casts {

    @Test
    void toVarcharGivesStringsWithoutQuotes() {
      assertEquals("click", SuperCastFunctions.toVarchar("\"click\""));
      assertEquals("12.50", SuperCastFunctions.toVarchar("12.50"));
      assertEquals("true", SuperCastFunctions.toVarchar("true"));
      assertNull(SuperCastFunctions.toVarchar("{\"a\":1}"));
      assertNull(SuperCastFunctions.toVarchar("[1]"));
      assertNull(SuperCastFunctions.toVarchar("null"));
      assertNull(SuperCastFunctions.toVarchar(null));
    }

    @Test
    void toIntegersReadNumbersAndNumericStringsAndRoundHalfAwayFromZero() {
      assertEquals(12, SuperCastFunctions.toInt("\"12\""));
      assertEquals(13, SuperCastFunctions.toInt("12.5"));
      assertEquals(-13, SuperCastFunctions.toInt("-12.5"));
      assertEquals(12, SuperCastFunctions.toInt("\" 12.4 \""));
      assertEquals(1000, SuperCastFunctions.toInt("1e3"));
      assertEquals(1, SuperCastFunctions.toInt("true"));
      assertEquals(3_000_000_000L, SuperCastFunctions.toBigint("3000000000"));
      assertEquals((short) 7, SuperCastFunctions.toSmallint("7"));
    }

    @Test
    void whatCannotBecomeTheTypeIsNull() {
      assertNull(SuperCastFunctions.toInt("3000000000"));
      assertNull(SuperCastFunctions.toSmallint("40000"));
      assertNull(SuperCastFunctions.toInt("\"twelve\""));
      assertNull(SuperCastFunctions.toInt("{\"a\":1}"));
      assertNull(SuperCastFunctions.toBigint("[1]"));
      assertNull(SuperCastFunctions.toBigint("null"));
      assertNull(SuperCastFunctions.toDouble("\"\""));
      assertNull(SuperCastFunctions.toDecimalText("\"12x\"", 10, 2));
      assertNull(SuperCastFunctions.toDecimalText("123456789.5", 5, 2), "does not fit DECIMAL(5,2)");
      assertNull(SuperCastFunctions.toDecimalText("999.995", 5, 2), "rounds to 1000.00");
    }

    @Test
    void toFloatingPoint() {
      assertEquals(12.5, SuperCastFunctions.toDouble("12.50"));
      assertEquals(12.5, SuperCastFunctions.toDouble("\"12.5\""));
      assertEquals(2.5e-7, SuperCastFunctions.toDouble("2.5e-7"));
      assertTrue(SuperCastFunctions.toDouble("\"NaN\"").isNaN());
      assertEquals(1.5f, SuperCastFunctions.toReal("1.5"));
      assertEquals("1000.0", SuperCastFunctions.toDecimalText("1e3", 5, 1));
      assertEquals("12.50", SuperCastFunctions.toDecimalText("\"12.5\"", 10, 2));
      assertEquals("-12.35", SuperCastFunctions.toDecimalText("-12.345", 4, 2));
      assertEquals("13", SuperCastFunctions.toDecimalText("12.5", 18, 0));
    }

    @Test
    void toBooleanAsRedshiftDoes() {
      assertTrue(SuperCastFunctions.toBoolean("true"));
      assertTrue(SuperCastFunctions.toBoolean("5"));
      assertFalse(SuperCastFunctions.toBoolean("0"));
      assertNull(SuperCastFunctions.toBoolean("5.0"));
      assertTrue(SuperCastFunctions.toBoolean("\"TRUE\""));
      assertFalse(SuperCastFunctions.toBoolean("\"off\""));
      assertNull(SuperCastFunctions.toBoolean("\"perhaps\""));
      assertNull(SuperCastFunctions.toBoolean("{}"));
    }
  }

  @Nested
  class Comparisons {

    @Test
    void stringsCompareWithText() {
      assertEquals(0, SuperComparisonFunctions.compareText("\"click\"", "click"));
      assertEquals(-1, SuperComparisonFunctions.compareText("\"a\"", "b"));
      assertNull(SuperComparisonFunctions.compareText("5", "5"));
      assertNull(SuperComparisonFunctions.compareText("null", "null"));
      assertNull(SuperComparisonFunctions.compareText(null, "x"));
    }

    @Test
    void numbersCompareExactly() {
      assertEquals(1, SuperComparisonFunctions.compareNumber("6", "5"));
      assertEquals(0, SuperComparisonFunctions.compareNumber("12.50", "12.5"));
      assertEquals(-1, SuperComparisonFunctions.compareNumber("9007199254740992", "9007199254740993"));
      assertEquals(0, SuperComparisonFunctions.compareNumber("1e3", "1000.0E0"));
      assertNull(SuperComparisonFunctions.compareNumber("\"7\"", "5"));
      assertNull(SuperComparisonFunctions.compareNumber("[7]", "5"));
    }

    @Test
    void booleansAndParameters() {
      assertEquals(0, SuperComparisonFunctions.compareBoolean("true", true));
      assertNull(SuperComparisonFunctions.compareBoolean("1", true));
      assertEquals(0, SuperComparisonFunctions.compareScalar("\"x\"", "x"));
      assertEquals(1, SuperComparisonFunctions.compareScalar("10", "9.5"));
      assertEquals(0, SuperComparisonFunctions.compareScalar("false", "false"));
      assertNull(SuperComparisonFunctions.compareScalar("10", "ten"));
    }

    @Test
    void superAgainstSuper() {
      assertEquals(-1, SuperComparisonFunctions.compareSuper("1", "2.5"));
      assertEquals(0, SuperComparisonFunctions.compareSuper("\"b\"", "\"b\""));
      assertNull(SuperComparisonFunctions.compareSuper("1", "\"1\""));
      assertNull(SuperComparisonFunctions.compareSuper("{}", "{}"));
      assertTrue(SuperComparisonFunctions.equalsSuper("{\"a\":[1,{\"b\":2.0}],\"c\":null}",
          "{\"c\":null,\"a\":[1.0,{\"b\":2}]}"));
      assertFalse(SuperComparisonFunctions.equalsSuper("[1,2]", "[2,1]"));
      assertFalse(SuperComparisonFunctions.equalsSuper("1", "\"1\""));
      assertNull(SuperComparisonFunctions.equalsSuper(null, "1"));
    }
  }

  @Test
  void jsonParseKeepsNumbersAsWritten() {
    assertEquals("{\"p\":12.50,\"big\":12345678901234567890.123,\"e\":1e3,\"i\":3,\"s\":\"\\\"é\\n\"}",
        JsonFunctions.jsonParse("{ \"p\": 12.50, \"big\": 12345678901234567890.123, \"e\": 1e3, \"i\": 3, "
            + "\"s\": \"\\\"\\u00e9\\n\" }"));
    assertNull(JsonFunctions.jsonParse("{\"a\":1} {\"b\":2}"));
    assertNull(JsonFunctions.jsonParse("   "));
    assertNull(JsonFunctions.jsonParse("{\"a\":01}"));
    assertEquals(new BigDecimal("12.50"), new BigDecimal(SuperCastFunctions.toDecimalText(
        JsonFunctions.jsonParse("12.50"), 38, 2)));
  }
}
