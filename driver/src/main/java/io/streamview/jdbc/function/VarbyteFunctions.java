package io.streamview.jdbc.function;

import org.apache.calcite.avatica.util.ByteString;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * {@code FROM_VARBYTE}, {@code TO_VARBYTE} and {@code IS_UTF8}. Bytes that cannot be decoded in the asked format
 * give NULL rather than an error, so that one bad stream record never fails a refresh.
 */
public final class VarbyteFunctions {

  private VarbyteFunctions() {
  }

  /** {@code FROM_VARBYTE(v, format)}: format is utf-8 (utf8, utf_8), hex, base64 or binary. */
  public static String fromVarbyte(ByteString value, String format) {
    if (value == null || format == null) {
      return null;
    }
    byte[] b = value.getBytes();
    return switch (Format.of(format)) {
      case UTF8 -> decodeUtf8(b);
      case HEX -> HexFormat.of().formatHex(b);
      case BASE64 -> Base64.getEncoder().encodeToString(b);
      case BINARY -> toBits(b);
    };
  }

  /** {@code TO_VARBYTE(s, format)}: the inverse of {@link #fromVarbyte}; NULL when {@code s} is not in that format. */
  public static ByteString toVarbyte(String value, String format) {
    if (value == null || format == null) {
      return null;
    }
    try {
      return new ByteString(switch (Format.of(format)) {
        case UTF8 -> value.getBytes(StandardCharsets.UTF_8);
        case HEX -> HexFormat.of().parseHex(value.length() % 2 == 1 ? "0" + value : value);
        case BASE64 -> Base64.getDecoder().decode(value);
        case BINARY -> fromBits(value);
      });
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** {@code IS_UTF8(v)}: whether the bytes are well-formed UTF-8. */
  public static Boolean isUtf8(ByteString value) {
    if (value == null) {
      return null;
    }
    return decodeUtf8(value.getBytes()) != null;
  }

  /** Strict UTF-8 decoding; null when the bytes are not well-formed UTF-8. */
  static String decodeUtf8(byte[] b) {
    // well-formed input decodes the same leniently; malformed input always leaves a U+FFFD in the lenient result,
    // and only then (or for a genuine U+FFFD) does the strict decoder have to decide
    String lenient = new String(b, StandardCharsets.UTF_8);
    if (lenient.indexOf('\uFFFD') < 0) {
      return lenient;
    }
    return decodeUtf8Strict(b);
  }

  /** Strict UTF-8 decoding with a reporting decoder; the reference {@link #decodeUtf8} agrees with. */
  static String decodeUtf8Strict(byte[] b) {
    CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      CharBuffer cb = d.decode(ByteBuffer.wrap(b));
      return cb.toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static String toBits(byte[] b) {
    StringBuilder sb = new StringBuilder(b.length * 8);
    for (byte x : b) {
      for (int i = 7; i >= 0; i--) {
        sb.append((x >> i & 1) == 1 ? '1' : '0');
      }
    }
    return sb.toString();
  }

  private static byte[] fromBits(String s) {
    if (s.length() % 8 != 0 || !s.chars().allMatch(c -> c == '0' || c == '1')) {
      throw new IllegalArgumentException("not a bit string");
    }
    byte[] out = new byte[s.length() / 8];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(s.substring(i * 8, i * 8 + 8), 2);
    }
    return out;
  }

  /** The formats FROM_VARBYTE and TO_VARBYTE accept. */
  enum Format {
    UTF8, HEX, BASE64, BINARY;

    static Format of(String name) {
      return switch (name.trim().toLowerCase(Locale.ROOT)) {
        case "utf-8", "utf8", "utf_8" -> UTF8;
        case "hex" -> HEX;
        case "base64" -> BASE64;
        case "binary" -> BINARY;
        default -> throw new UnknownFormatException(name);
      };
    }
  }

  /** A format argument that FROM_VARBYTE/TO_VARBYTE do not know. */
  public static final class UnknownFormatException extends IllegalArgumentException {
    UnknownFormatException(String name) {
      super("unknown VARBYTE format '" + name + "': use 'utf-8', 'utf8', 'utf_8', 'hex', 'base64' or 'binary'");
    }
  }
}
