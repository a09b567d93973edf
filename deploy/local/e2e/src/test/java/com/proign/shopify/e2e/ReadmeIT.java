package com.proign.shopify.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.proign.shopify.testinfra.LocalInfra;

/**
 * The README's "Try it" works as written: its shell blocks, taken from README.md itself, run in order in one bash
 * (as if pasted into a terminal at the checkout's root) against a suite of their own, which the first block starts
 * with {@code run.sh --detach} and the last stops. Run with {@code set -euo pipefail}; every HTTP answer must be a
 * success except the refusals the README announces in a comment ({@code # 401 problem+json}), each exactly once.
 * curl is wrapped only to report each answer's status on stderr ({@code -w '%{stderr}...'}); what the commands
 * print is untouched.
 */
class ReadmeIT {

    private static final Pattern BLOCK = Pattern.compile("(?ms)^```sh\\n(.*?)^```");
    private static final Pattern ANNOUNCED = Pattern.compile("#\\s*([45]\\d\\d)\\b");
    private static final Pattern ANSWER = Pattern.compile("(?m)^HTTP ([0-9]{3})$");

    @Test
    void theTryItCommandsWorkPastedInOrder() throws IOException, InterruptedException {
        Path root = LocalInfra.suiteRoot();
        String readme = Files.readString(root.resolve("README.md"));
        int start = readme.indexOf("\n## Try it");
        int end = readme.indexOf("\n## ", start + 1);
        assertTrue(start > 0 && end > start, "README.md has a section \"## Try it\"");
        List<String> blocks = new ArrayList<>();
        Matcher block = BLOCK.matcher(readme.substring(start, end));
        while (block.find()) {
            blocks.add(block.group(1));
        }
        assertTrue(blocks.size() >= 8, "the walkthrough's blocks: " + blocks.size());
        assertTrue(blocks.get(0).contains("deploy/local/run.sh --detach"), "the first block starts the suite");
        assertTrue(blocks.get(blocks.size() - 1).contains("deploy/local/run.sh stop"), "the last block stops it");

        List<Integer> announced = new ArrayList<>();
        for (String text : blocks) {
            Matcher refusal = ANNOUNCED.matcher(text);
            while (refusal.find()) {
                announced.add(Integer.parseInt(refusal.group(1)));
            }
        }

        Path dir = Path.of("target/readme-run").toAbsolutePath();
        deleteTree(dir);
        Files.createDirectories(dir);
        Path script = dir.resolve("readme.sh");
        Files.writeString(script, "set -euo pipefail\n"
                + "curl() { command curl -w '%{stderr}HTTP %{http_code}\\n' \"$@\"; }\n"
                + String.join("\n", blocks));
        Map<String, String> environment = Map.of("RUN_DIR", dir.resolve("run").toString(), "PORT_BASE", "28080",
                "KAFKA_PORT", "29092", "DB_SUFFIX", "_readme", "FRESH_DATABASES", "yes");
        Path out = dir.resolve("stdout.log");
        Path err = dir.resolve("stderr.log");
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).directory(root.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment);
        builder.environment().remove("KAFKA_BOOTSTRAP_SERVERS"); // a broker of its own, as on a fresh machine
        Process bash = builder.start();
        boolean finished;
        try {
            finished = bash.waitFor(10, TimeUnit.MINUTES);
        } finally {
            bash.descendants().forEach(ProcessHandle::destroy);
            bash.destroy();
            // whatever the blocks did, nothing of this suite is left running
            ProcessBuilder stop = new ProcessBuilder("bash", root.resolve("deploy/local/run.sh").toString(), "stop")
                    .directory(root.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("stop.log").toFile());
            stop.environment().putAll(environment);
            stop.start().waitFor(2, TimeUnit.MINUTES);
        }
        String printed = Files.readString(out);
        String errors = Files.readString(err);
        String tail = "\n--- stdout (end) ---\n" + last(printed, 3000) + "\n--- stderr (end) ---\n" + last(errors, 3000);
        assertTrue(finished, "the README's commands did not finish within 10 minutes" + tail);
        assertEquals(0, bash.exitValue(), "a README command failed (set -e)" + tail);

        List<Integer> refused = new ArrayList<>();
        Matcher answer = ANSWER.matcher(errors);
        int answers = 0;
        while (answer.find()) {
            answers++;
            int status = Integer.parseInt(answer.group(1));
            if (status / 100 != 2) {
                refused.add(status);
            }
        }
        assertTrue(answers > 30, "curl answered " + answers + " times" + tail);
        assertEquals(announced, refused, "the refusals the README announces, and no other" + tail);
    }

    private static String last(String text, int length) {
        return text.length() <= length ? text : "…" + text.substring(text.length() - length);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
