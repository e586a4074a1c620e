package io.streamview.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Maps a materialized view's qualified name to its position file name, {@code <name>.json}. Bytes
 * other than {@code a-z 0-9 _ - $} and non-leading {@code .} are written as {@code %XX} (UTF-8,
 * upper-case hex), so names with upper case, slashes or spaces stay distinct and safe on every
 * file system. A name whose escaped form is longer than {@value #MAX_STEM} characters is cut and
 * suffixed with {@code ~} and the SHA-256 of the full name.
 */
final class PositionFileNames {

    static final String SUFFIX = ".json";
    static final int MAX_STEM = 180;

    private PositionFileNames() {
    }

    static String forView(String qualifiedName) {
        byte[] utf8 = qualifiedName.getBytes(StandardCharsets.UTF_8);
        StringBuilder stem = new StringBuilder(utf8.length + 8);
        for (int i = 0; i < utf8.length; i++) {
            int b = utf8[i] & 0xFF;
            if (isPlain(b) || (b == '.' && i > 0)) {
                stem.append((char) b);
            } else {
                stem.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
        }
        if (stem.length() > MAX_STEM) {
            String hash = HexFormat.of().formatHex(sha256(utf8));
            stem.setLength(MAX_STEM - hash.length() - 1);
            stem.append('~').append(hash);
        }
        return stem + SUFFIX;
    }

    private static boolean isPlain(int b) {
        return (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '_' || b == '-' || b == '$';
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
