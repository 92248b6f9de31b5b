package org.prismjava.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's Java snippet is the compiled {@link ApiExample}, imports included, character for character. */
class ReadmeSnippetTest {
    @Test
    void theReadmeShowsTheCompiledExample() throws IOException {
        String source = Files.readString(Path.of("src/main/java/org/prismjava/examples/ApiExample.java"));
        String snippet = "```java\n" + source.substring(source.indexOf("import ")) + "```\n";
        String readme = Files.readString(Path.of("../README.md"));
        assertTrue(readme.contains(snippet), "README.md's \"Reconstructing from Java\" block must be ApiExample.java"
                + " from its first import to its end; update one from the other");
    }
}
