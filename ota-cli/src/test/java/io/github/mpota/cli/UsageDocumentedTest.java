package io.github.mpota.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The usage text, the plugin's reference and the README say the same thing: the one text, copied word for word. */
class UsageDocumentedTest {

    /** The module's folder when surefire runs the tests; the repository is its parent. */
    private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();

    private static String firstBlockAfter(Path file, String heading) throws IOException {
        String text = Files.readString(file).replace("\r\n", "\n");
        int at = text.indexOf(heading);
        assertTrue(at >= 0, heading + " in " + file);
        int start = text.indexOf("```\n", at) + 4;
        return text.substring(start, text.indexOf("```", start)).stripTrailing();
    }

    private static String usage() {
        return CliArguments.USAGE.replace(System.lineSeparator(), "\n");
    }

    @Test
    void thePluginsReferenceHoldsTheWholeUsageText() throws IOException {
        assertEquals(usage(), firstBlockAfter(REPOSITORY.resolve("ota-maven-plugin/README.md"),
                "## Command line without Maven: ota-cli"));
    }

    @Test
    void theReadmeHoldsItsSynopsisWithEveryOption() throws IOException {
        String synopsis = usage().substring(0, usage().indexOf("\n\n"));
        assertEquals(synopsis, firstBlockAfter(REPOSITORY.resolve("README.md"), "## The command-line client"));
        for (String option : usage().split("\\s+")) {
            if (option.matches("--[a-z-]+")) {
                assertTrue(synopsis.contains(option), option + " is in the usage but not in its synopsis");
            }
        }
    }
}
