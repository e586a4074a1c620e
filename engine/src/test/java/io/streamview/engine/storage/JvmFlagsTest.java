package io.streamview.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JvmFlagsTest {

    @TempDir
    Path tmp;

    @Test
    void theTestJvmHasEveryFlag() {
        assertEquals(List.of(), JvmFlags.missing());
        JvmFlags.verify();
        assertEquals(4, JvmFlags.REQUIRED.size());
    }

    @Test
    void aJvmWithoutTheFlagsIsToldEveryMissingFlag() throws Exception {
        ChildJvm.Result child = ChildJvm.run(List.of(), ChildMains.ProbePersistent.class, tmp.resolve("data").toString());
        String out = child.output();
        assertEquals(0, child.exitCode(), out);
        assertTrue(out.contains("RESULT JVM_FLAGS_MISSING"), out);
        for (String flag : JvmFlags.REQUIRED) {
            assertTrue(out.contains(flag), "missing " + flag + " in:\n" + out);
        }
        assertTrue(out.contains("dbeaver.ini") && out.contains("-vmargs"), out);
        assertTrue(out.contains("IN-MEMORY OK"), "in-memory storage works without the flags:\n" + out);
    }

    @Test
    void onlyTheFlagsReallyMissingAreListed() throws Exception {
        ChildJvm.Result child = ChildJvm.run(List.of(JvmFlags.OPEN_JAVA_LANG, JvmFlags.EXPORT_SUN_NIO_CH),
                ChildMains.ProbePersistent.class, tmp.resolve("data").toString());
        String out = child.output();
        assertTrue(out.contains("RESULT JVM_FLAGS_MISSING"), out);
        assertTrue(out.contains(JvmFlags.OPEN_JAVA_LANG_REFLECT), out);
        assertTrue(out.contains(JvmFlags.EXPORT_JAVAC_FILE), out);
        // the two given flags are in effect, so they are not in the message
        String message = out.substring(out.indexOf("RESULT"));
        assertFalse(message.contains(JvmFlags.OPEN_JAVA_LANG + "\n"), out);
        assertFalse(message.contains(JvmFlags.EXPORT_SUN_NIO_CH), out);
    }

    @Test
    void withTheFlagsAPersistentStoreOpensAndAnalyticsAreDisabledFirst() throws Exception {
        ChildJvm.Result child = ChildJvm.run(JvmFlags.REQUIRED, ChildMains.ProbePersistent.class,
                tmp.resolve("data").toString());
        String out = child.output();
        assertTrue(out.contains("analytics.before=null"), out);
        assertTrue(out.contains("analytics.after=true"), out);
        assertTrue(out.contains("RESULT OK"), out);
    }
}
