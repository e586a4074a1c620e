package io.streamview.catalog;

import java.time.Instant;
import java.util.Objects;

/**
 * {@code CREATE EXTERNAL SCHEMA name FROM KINESIS IAM_ROLE ...}.
 *
 * @param name       schema name
 * @param sourceKind {@code "KINESIS"}
 * @param iamRole    {@code "default"} or the quoted ARN text (a comma-separated chain is allowed)
 * @param region     region, or {@code null}
 * @param createdAt  when the schema was created
 */
public record ExternalSchemaDef(String name, String sourceKind, String iamRole, String region, Instant createdAt) {

    public ExternalSchemaDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sourceKind, "sourceKind");
    }
}
