package io.streamview.catalog;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads and writes {@code catalog.json} and position files. Reading is strict: unknown or missing
 * properties and duplicate keys make the file {@link CatalogException.Code#CORRUPT}; a
 * {@code formatVersion} above {@link CatalogSnapshot#CURRENT_FORMAT_VERSION} is
 * {@link CatalogException.Code#UNSUPPORTED_VERSION}.
 */
final class CatalogJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** The format of {@code positions/*.json}, which has not changed since the first release. */
    static final int POSITIONS_FORMAT_VERSION = 1;

    private CatalogJson() {
    }

    static byte[] writeCatalog(CatalogSnapshot snapshot) {
        CatalogDocument document = new CatalogDocument(CatalogSnapshot.CURRENT_FORMAT_VERSION, snapshot.version(),
                List.copyOf(snapshot.externalSchemas().values()),
                List.copyOf(snapshot.tables().values()),
                List.copyOf(snapshot.views().values()),
                List.copyOf(snapshot.materializedViews().values()));
        return write(document);
    }

    static CatalogSnapshot readCatalog(Path file, byte[] bytes) {
        JsonNode root = readVersioned(file, bytes, "catalog", CatalogSnapshot.CURRENT_FORMAT_VERSION);
        upgradeFromVersion1(root);
        CatalogDocument d = bind(file, root, CatalogDocument.class, "catalog");
        try {
            return new CatalogSnapshot(d.formatVersion(), d.version(),
                    keyed(d.externalSchemas(), ExternalSchemaDef::name),
                    keyed(d.tables(), TableDef::qualifiedName),
                    keyed(d.views(), ViewDef::qualifiedName),
                    keyed(d.materializedViews(), MaterializedViewDef::qualifiedName));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw corrupt(file, "catalog", e.getMessage(), e);
        }
    }

    /**
     * Format 1 had only streaming materialized views, which depend on no relation: its views get an empty
     * {@code dependsOn}, the one property format 2 added.
     */
    private static void upgradeFromVersion1(JsonNode root) {
        if (root.get("formatVersion").asInt() != 1 || !(root.get("materializedViews") instanceof ArrayNode views)) {
            return;
        }
        for (JsonNode view : views) {
            if (view instanceof ObjectNode o && !o.has("dependsOn")) {
                o.putArray("dependsOn");
            }
        }
    }

    static byte[] writePositions(String materializedView, Map<String, ShardPositionDef> positions) {
        return write(new PositionsDocument(POSITIONS_FORMAT_VERSION, materializedView,
                List.copyOf(positions.values())));
    }

    static Map<String, ShardPositionDef> readPositions(Path file, byte[] bytes, String materializedView) {
        JsonNode root = readVersioned(file, bytes, "position", POSITIONS_FORMAT_VERSION);
        PositionsDocument d = bind(file, root, PositionsDocument.class, "position");
        if (!materializedView.equals(d.materializedView())) {
            throw corrupt(file, "position", "it belongs to materialized view '" + d.materializedView()
                    + "', expected '" + materializedView + "'", null);
        }
        try {
            return keyed(d.shards(), ShardPositionDef::shardId);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw corrupt(file, "position", e.getMessage(), e);
        }
    }

    private static byte[] write(Object document) {
        try {
            return MAPPER.writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise " + document.getClass().getSimpleName(), e);
        }
    }

    private static JsonNode readVersioned(Path file, byte[] bytes, String what, int maxVersion) {
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw corrupt(file, what, "it is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw corrupt(file, what, "it does not hold a JSON object", null);
        }
        JsonNode formatVersion = root.get("formatVersion");
        if (formatVersion == null || !formatVersion.isIntegralNumber()) {
            throw corrupt(file, what, "it has no integer \"formatVersion\"", null);
        }
        BigInteger version = formatVersion.bigIntegerValue();
        if (version.compareTo(BigInteger.valueOf(maxVersion)) > 0) {
            throw new CatalogException(CatalogException.Code.UNSUPPORTED_VERSION, file,
                    "The " + what + " file " + file + " has formatVersion " + version
                            + ", but this StreamView reads formatVersion up to " + maxVersion
                            + "; it was written by a newer StreamView, open it with that version");
        }
        if (version.signum() <= 0) {
            throw corrupt(file, what, "formatVersion " + version + " is not valid", null);
        }
        return root;
    }

    private static <T> T bind(Path file, JsonNode root, Class<T> type, String what) {
        try {
            return MAPPER.treeToValue(root, type);
        } catch (IOException | IllegalArgumentException e) {
            throw corrupt(file, what, e.getMessage(), e);
        }
    }

    private static <T> Map<String, T> keyed(List<T> values, Function<T, String> key) {
        Map<String, T> map = new LinkedHashMap<>();
        if (values == null) {
            return map;
        }
        for (T value : values) {
            if (value == null) {
                throw new IllegalArgumentException("null entry");
            }
            String k = key.apply(value);
            if (map.putIfAbsent(k, value) != null) {
                throw new IllegalArgumentException("duplicate entry '" + k + "'");
            }
        }
        return map;
    }

    private static CatalogException corrupt(Path file, String what, String detail, Throwable cause) {
        return new CatalogException(CatalogException.Code.CORRUPT, file,
                "The " + what + " file " + file + " is corrupt: " + detail, cause);
    }
}
