package io.github.mpota.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The report in the JUnit XML that CI servers show: one test case per scenario, its differences as the failure. */
final class JUnitXml {

    private JUnitXml() {
    }

    /** Writes {@code TEST-ota-conformance-<expect>-<run>.xml} into {@code dir}; returns its path. */
    static Path write(ConformanceReport report, Path dir, String board) throws IOException {
        Files.createDirectories(dir);
        String suite = "ota-conformance." + report.expect().label() + "." + report.run().label();
        double seconds = report.results().stream().mapToLong(ScenarioResult::millis).sum() / 1000.0;
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<testsuite name=\"").append(escape(suite)).append("\" tests=\"").append(report.results().size())
                .append("\" failures=\"").append(report.failed()).append("\" errors=\"0\" skipped=\"0\" time=\"")
                .append(seconds(seconds)).append("\">\n");
        x.append("  <properties>\n");
        property(x, "board", board);
        property(x, "expect", report.expect().label());
        property(x, "run", report.run().label());
        x.append("  </properties>\n");
        for (ScenarioResult r : report.results()) {
            x.append("  <testcase classname=\"ota-conformance.").append(escape(r.scenario().group()))
                    .append("\" name=\"").append(escape(r.scenario().id() + " " + r.scenario().name()))
                    .append("\" time=\"").append(seconds(r.millis() / 1000.0)).append("\"");
            if (r.passed()) {
                x.append("/>\n");
            } else {
                String text = String.join("\n", r.differences());
                x.append(">\n    <failure message=\"").append(escape(r.differences().get(0))).append("\">")
                        .append(escape(r.scenario().proves() + "\n" + text)).append("</failure>\n  </testcase>\n");
            }
        }
        x.append("</testsuite>\n");
        Path file = dir.resolve("TEST-ota-conformance-" + report.expect().label() + "-" + report.run().label() + ".xml");
        Files.writeString(file, x, StandardCharsets.UTF_8);
        return file;
    }

    private static void property(StringBuilder x, String name, String value) {
        x.append("    <property name=\"").append(escape(name)).append("\" value=\"").append(escape(value))
                .append("\"/>\n");
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c < 0x20 && c != '\n' && c != '\t' ? '?' : c);
            }
        }
        return out.toString();
    }
}
