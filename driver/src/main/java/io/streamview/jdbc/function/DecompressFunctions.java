package io.streamview.jdbc.function;

import com.github.luben.zstd.ZstdInputStream;
import io.streamview.engine.table.RedshiftTypes;

import org.apache.calcite.avatica.util.ByteString;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * {@code DECOMPRESS(v, format)}: the bytes of a compressed VARBYTE (e.g. {@code kinesis_data}), format {@code gzip}
 * (RFC 1952, concatenated members too), {@code zlib} (RFC 1950) or {@code zstd} (Zstandard frames, through
 * zstd-jni). Like {@code FROM_VARBYTE}, input that does not decompress in that format — corrupt, truncated, or larger
 * than a VARBYTE once decompressed — gives NULL rather than an error, so that one bad stream record never fails a
 * refresh; an unknown format is an error.
 */
public final class DecompressFunctions {

  /** The most bytes a result may have: the largest VARBYTE. */
  static final int MAX_OUTPUT = RedshiftTypes.VARBYTE_MAX;

  private DecompressFunctions() {
  }

  /** {@code DECOMPRESS(v, format)}. */
  public static ByteString decompress(ByteString value, String format) {
    if (value == null || format == null) {
      return null;
    }
    Format f = Format.of(format);
    byte[] input = value.getBytes();
    try (InputStream in = f.open(new ByteArrayInputStream(input))) {
      byte[] out = readAtMost(in, MAX_OUTPUT);
      return out == null ? null : new ByteString(out);
    } catch (IOException | RuntimeException e) {
      return null; // not in this format, truncated or corrupt
    }
  }

  /** All of {@code in}, or null when it holds more than {@code max} bytes. */
  private static byte[] readAtMost(InputStream in, int max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      if (out.size() + n > max) {
        return null;
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  /** The formats DECOMPRESS accepts. */
  enum Format {
    GZIP, ZLIB, ZSTD;

    static Format of(String name) {
      return switch (name.trim().toLowerCase(Locale.ROOT)) {
        case "gzip" -> GZIP;
        case "zlib" -> ZLIB;
        case "zstd" -> ZSTD;
        default -> throw new UnknownCompressionException(name);
      };
    }

    InputStream open(InputStream in) throws IOException {
      return switch (this) {
        case GZIP -> new GZIPInputStream(in);
        case ZLIB -> new StrictInflaterInputStream(in);
        case ZSTD -> new ZstdInputStream(in);
      };
    }
  }

  /** zlib that fails on a stream cut short instead of ending quietly. */
  private static final class StrictInflaterInputStream extends InflaterInputStream {
    StrictInflaterInputStream(InputStream in) {
      super(in);
    }

    @Override public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n < 0 && !inf.finished()) {
        throw new java.io.EOFException("truncated zlib stream");
      }
      return n;
    }
  }

  /** A format argument that DECOMPRESS does not know. */
  public static final class UnknownCompressionException extends IllegalArgumentException {
    UnknownCompressionException(String name) {
      super("unknown compression format '" + name + "' for DECOMPRESS: use 'gzip', 'zlib' or 'zstd'");
    }
  }
}
