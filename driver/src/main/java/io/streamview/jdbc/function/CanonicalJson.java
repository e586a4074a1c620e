package io.streamview.jdbc.function;

/**
 * Fast paths for SUPER text that is already canonical: exactly what {@link SuperJson#copy} writes (no whitespace
 * outside strings, no backslash anywhere, no control character in a string, numbers in strict JSON form). Such text
 * is read with one pass over its characters, without a Jackson parser or generator, and any value in it is a
 * substring that equals its compact copy.
 *
 * <p>Every method here either gives the answer the Jackson path ({@link SuperJson#compact}, {@link
 * SuperJson#navigateSlow}) would give, or says it cannot decide ({@link #UNDECIDED}, {@code false}); the caller then
 * takes the Jackson path. Anything outside the canonical form (whitespace, escapes, nesting deeper than
 * {@value #MAX_DEPTH}, long numbers or names, huge texts) is undecided, so the fast path only ever answers for
 * text that Jackson reads token for token the same way.
 *
 * <p>The top-level object of the last canonical text {@link #index indexed} on a thread is remembered (attribute
 * name to value range, keyed by the identity of that String), so the navigations a view applies to one
 * {@code JSON_PARSE} result each find their attribute without scanning the text again.
 */
final class CanonicalJson {

  /** The navigation could not be decided here: take the Jackson path. */
  static final long UNDECIDED = -2;
  /** The navigation leads nowhere: SQL NULL. */
  static final long NOT_FOUND = -1;

  /** Deeper text is left to Jackson (its own limit is 1000). */
  static final int MAX_DEPTH = 255;
  /** Longer numbers are left to Jackson (its own limit is 1000 digits). */
  static final int MAX_NUMBER = 100;
  /** Longer attribute names are left to Jackson (its own limit is 50,000 characters). */
  static final int MAX_NAME = 1000;
  /** Longer texts are left to Jackson (its string limit is 20,000,000 characters). */
  static final int MAX_TEXT = 1 << 22;

  private static final ThreadLocal<Recent> RECENT = ThreadLocal.withInitial(Recent::new);

  private CanonicalJson() {
  }

  /** The state one thread keeps about the values it parsed last. */
  static final class Recent {
    /** The last VARBYTE given to JSON_PARSE (immutable, compared by identity) and its result. */
    Object parsedInput;
    String parsedOutput;
    /** The last canonical object text indexed, by identity, and its attributes: 4 ints each. */
    String indexed;
    int[] fields = new int[64];
    int fieldCount;

    /** The value range of attribute {@code name} of the indexed object, as navigation matches it. */
    long lookup(String text, String name, boolean caseSensitive) {
      int len = name.length();
      int[] f = fields;
      int end = fieldCount * 4;
      for (int j = 0; j < end; j += 4) {
        if (f[j + 1] - f[j] == len && text.regionMatches(f[j], name, 0, len)) {
          return range(f[j + 2], f[j + 3]);
        }
      }
      if (!caseSensitive) {
        for (int j = 0; j < end; j += 4) {
          if (f[j + 1] - f[j] == len && text.regionMatches(true, f[j], name, 0, len)) {
            return range(f[j + 2], f[j + 3]);
          }
        }
      }
      return NOT_FOUND;
    }

    private void add(int keyStart, int keyEnd, int valueStart, int valueEnd) {
      int at = fieldCount * 4;
      if (at + 4 > fields.length) {
        fields = java.util.Arrays.copyOf(fields, fields.length * 2);
      }
      fields[at] = keyStart;
      fields[at + 1] = keyEnd;
      fields[at + 2] = valueStart;
      fields[at + 3] = valueEnd;
      fieldCount++;
    }
  }

  /** This thread's state. */
  static Recent recent() {
    return RECENT.get();
  }

  /**
   * Whether {@code text} is exactly one canonical JSON value (then {@code SuperJson.compact(text)} equals it); a
   * canonical object is indexed for {@link #find}.
   */
  static boolean index(String text) {
    Recent r = RECENT.get();
    r.indexed = null;
    int n = text.length();
    if (n == 0 || n > MAX_TEXT) {
      return false;
    }
    if (text.charAt(0) != '{') {
      return skipValue(text, 0, 0) == n;
    }
    r.fieldCount = 0;
    int k = 1;
    if (k < n && text.charAt(k) == '}') {
      if (k + 1 != n) {
        return false;
      }
      r.indexed = text;
      return true;
    }
    while (true) {
      if (k >= n || text.charAt(k) != '"') {
        return false;
      }
      int ke = skipName(text, k);
      if (ke < 0 || ke >= n || text.charAt(ke) != ':') {
        return false;
      }
      int ve = skipValue(text, ke + 1, 1);
      if (ve < 0 || ve >= n) {
        return false;
      }
      r.add(k + 1, ke - 1, ke + 1, ve);
      char d = text.charAt(ve);
      if (d == '}') {
        if (ve + 1 != n) {
          return false;
        }
        r.indexed = text;
        return true;
      }
      if (d != ',') {
        return false;
      }
      k = ve + 1;
    }
  }

  /**
   * The value at {@code steps[from…]} in {@code text} as a range ({@link #start}, {@link #end}), {@link #NOT_FOUND}
   * when the Jackson navigation gives null, or {@link #UNDECIDED}. Same matching rules as {@link
   * SuperJson#navigateSlow}: exact attribute names first, then (unless case-sensitive) the first attribute that
   * differs only in case.
   */
  static long find(String text, Object[] steps, int from, boolean caseSensitive) {
    int n = text.length();
    if (n == 0 || n > MAX_TEXT) {
      return UNDECIDED;
    }
    int pos = 0;
    int i = from;
    if (i < steps.length && steps[i] instanceof String first) {
      Recent r = RECENT.get();
      if (r.indexed == text) {
        long f = r.lookup(text, first, caseSensitive);
        if (f == NOT_FOUND || i + 1 == steps.length) {
          return f;
        }
        pos = start(f);
        i++;
      }
    }
    int depth = i - from;
    for (; i < steps.length; i++, depth++) {
      if (pos >= n || depth >= MAX_DEPTH) {
        return UNDECIDED;
      }
      char c = text.charAt(pos);
      boolean last = i + 1 == steps.length;
      if (steps[i] instanceof String name) {
        if (c != '{') {
          return startsNonObjectToken(c) || c == '[' ? NOT_FOUND : UNDECIDED;
        }
        int len = name.length();
        long candidate = NOT_FOUND;
        int next = -1;
        int k = pos + 1;
        if (k < n && text.charAt(k) == '}') {
          return NOT_FOUND;
        }
        while (true) {
          if (k >= n || text.charAt(k) != '"') {
            return UNDECIDED;
          }
          int ke = skipName(text, k);
          if (ke < 0 || ke >= n || text.charAt(ke) != ':') {
            return UNDECIDED;
          }
          int vs = ke + 1;
          boolean sameLength = ke - k - 2 == len;
          if (sameLength && text.regionMatches(k + 1, name, 0, len)) {
            if (last) {
              return finalValue(text, vs, depth + 1);
            }
            next = vs;
            break;
          }
          int ve = skipValue(text, vs, depth + 1);
          if (ve < 0 || ve >= n) {
            return UNDECIDED;
          }
          if (!caseSensitive && candidate == NOT_FOUND && sameLength
              && text.regionMatches(true, k + 1, name, 0, len)) {
            candidate = range(vs, ve);
          }
          char d = text.charAt(ve);
          if (d == '}') {
            break;
          }
          if (d != ',') {
            return UNDECIDED;
          }
          k = ve + 1;
        }
        if (next < 0) {
          if (candidate == NOT_FOUND || last) {
            return candidate;
          }
          next = start(candidate);
        }
        pos = next;
      } else {
        int position = (Integer) steps[i];
        if (c != '[') {
          return startsNonObjectToken(c) || c == '{' ? NOT_FOUND : UNDECIDED;
        }
        if (position < 0) {
          return NOT_FOUND;
        }
        int k = pos + 1;
        if (k < n && text.charAt(k) == ']') {
          return NOT_FOUND;
        }
        for (int e = 0; ; e++) {
          if (e == position) {
            if (last) {
              return finalValue(text, k, depth + 1);
            }
            break;
          }
          int ve = skipValue(text, k, depth + 1);
          if (ve < 0 || ve >= n) {
            return UNDECIDED;
          }
          char d = text.charAt(ve);
          if (d == ']') {
            return NOT_FOUND;
          }
          if (d != ',') {
            return UNDECIDED;
          }
          k = ve + 1;
        }
        pos = k;
      }
    }
    // no step: the whole text, which must be exactly one canonical value
    int end = skipValue(text, 0, 0);
    return end == n ? range(0, n) : UNDECIDED;
  }

  /** The range of the canonical value at {@code vs} inside a container, or undecided. */
  private static long finalValue(String text, int vs, int depth) {
    int ve = skipValue(text, vs, depth);
    if (ve < 0 || ve >= text.length()) {
      return UNDECIDED;
    }
    char d = text.charAt(ve);
    return d == ',' || d == '}' || d == ']' ? range(vs, ve) : UNDECIDED;
  }

  /** Whether a value starting with {@code c} is a token other than an object or array, or an error, for Jackson. */
  private static boolean startsNonObjectToken(char c) {
    return c == '"' || c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n';
  }

  static long range(int start, int end) {
    return ((long) start << 32) | end;
  }

  static int start(long range) {
    return (int) (range >>> 32);
  }

  static int end(long range) {
    return (int) range;
  }

  /** The end (exclusive) of the canonical value starting at {@code i}, or -1. */
  static int skipValue(String s, int i, int depth) {
    if (i >= s.length()) {
      return -1;
    }
    char c = s.charAt(i);
    switch (c) {
      case '"':
        return skipString(s, i);
      case '{':
        return skipObject(s, i, depth + 1);
      case '[':
        return skipArray(s, i, depth + 1);
      case 't':
        return s.startsWith("true", i) ? i + 4 : -1;
      case 'f':
        return s.startsWith("false", i) ? i + 5 : -1;
      case 'n':
        return s.startsWith("null", i) ? i + 4 : -1;
      default:
        return c == '-' || (c >= '0' && c <= '9') ? skipNumber(s, i) : -1;
    }
  }

  private static int skipObject(String s, int i, int depth) {
    if (depth > MAX_DEPTH) {
      return -1;
    }
    int n = s.length();
    int k = i + 1;
    if (k < n && s.charAt(k) == '}') {
      return k + 1;
    }
    while (true) {
      if (k >= n || s.charAt(k) != '"') {
        return -1;
      }
      int ke = skipName(s, k);
      if (ke < 0 || ke >= n || s.charAt(ke) != ':') {
        return -1;
      }
      int ve = skipValue(s, ke + 1, depth);
      if (ve < 0 || ve >= n) {
        return -1;
      }
      char d = s.charAt(ve);
      if (d == '}') {
        return ve + 1;
      }
      if (d != ',') {
        return -1;
      }
      k = ve + 1;
    }
  }

  private static int skipArray(String s, int i, int depth) {
    if (depth > MAX_DEPTH) {
      return -1;
    }
    int n = s.length();
    int k = i + 1;
    if (k < n && s.charAt(k) == ']') {
      return k + 1;
    }
    while (true) {
      int ve = skipValue(s, k, depth);
      if (ve < 0 || ve >= n) {
        return -1;
      }
      char d = s.charAt(ve);
      if (d == ']') {
        return ve + 1;
      }
      if (d != ',') {
        return -1;
      }
      k = ve + 1;
    }
  }

  /**
   * The end (after the closing quote) of the string starting with the quote at {@code i}, or -1 if it holds a
   * backslash or a control character or is not closed.
   */
  static int skipString(String s, int i) {
    int n = s.length();
    for (int j = i + 1; j < n; j++) {
      char c = s.charAt(j);
      if (c == '"') {
        return j + 1;
      }
      if (c == '\\' || c < 0x20) {
        return -1;
      }
    }
    return -1;
  }

  private static int skipName(String s, int i) {
    int end = skipString(s, i);
    return end - i - 2 > MAX_NAME ? -1 : end;
  }

  /** The end of the strict JSON number at {@code i} ({@code -?(0|[1-9]d*)(.d+)?([eE][+-]?d+)?}), or -1. */
  static int skipNumber(String s, int i) {
    int n = s.length();
    int j = i;
    if (s.charAt(j) == '-') {
      j++;
    }
    if (j >= n) {
      return -1;
    }
    char c = s.charAt(j);
    if (c == '0') {
      j++;
    } else if (c >= '1' && c <= '9') {
      j = digits(s, j + 1);
    } else {
      return -1;
    }
    if (j < n && s.charAt(j) == '.') {
      int d = digits(s, j + 1);
      if (d == j + 1) {
        return -1;
      }
      j = d;
    }
    if (j < n && (s.charAt(j) == 'e' || s.charAt(j) == 'E')) {
      j++;
      if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
        j++;
      }
      int d = digits(s, j);
      if (d == j) {
        return -1;
      }
      j = d;
    }
    return j - i > MAX_NUMBER ? -1 : j;
  }

  private static int digits(String s, int j) {
    int n = s.length();
    while (j < n) {
      char c = s.charAt(j);
      if (c < '0' || c > '9') {
        break;
      }
      j++;
    }
    return j;
  }
}
