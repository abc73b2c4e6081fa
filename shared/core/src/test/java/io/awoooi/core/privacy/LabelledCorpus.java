package io.awoooi.core.privacy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the labelled corpus in {@code src/test/resources/privacy/}: samples start with a line
 * {@code ### <id> <category>}; expected findings are marked inline as {@code {{TYPE:value}}}.
 */
final class LabelledCorpus {
    record Sample(String id, String category, String text, List<Finding> expected) {
    }

    private LabelledCorpus() {
    }

    static List<Sample> load(String... resources) {
        List<Sample> all = new ArrayList<>();
        for (String resource : resources) {
            all.addAll(parseFile(read(resource)));
        }
        return all;
    }

    private static String read(String resource) {
        try (InputStream in = LabelledCorpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Sample> parseFile(String content) {
        List<Sample> samples = new ArrayList<>();
        String id = null;
        String category = null;
        StringBuilder body = new StringBuilder();
        for (String line : content.split("\n", -1)) {
            if (line.startsWith("### ")) {
                if (id != null) {
                    samples.add(sample(id, category, body));
                }
                String[] head = line.substring(4).trim().split("\\s+", 2);
                id = head[0];
                category = head.length > 1 ? head[1] : "";
                body.setLength(0);
            } else if (id != null) {
                body.append(line).append('\n');
            }
        }
        if (id != null) {
            samples.add(sample(id, category, body));
        }
        return samples;
    }

    private static Sample sample(String id, String category, StringBuilder body) {
        String marked = body.toString();
        while (marked.endsWith("\n")) {
            marked = marked.substring(0, marked.length() - 1);
        }
        StringBuilder text = new StringBuilder();
        List<Finding> expected = new ArrayList<>();
        int i = 0;
        while (i < marked.length()) {
            int open = marked.indexOf("{{", i);
            if (open < 0) {
                text.append(marked, i, marked.length());
                break;
            }
            int colon = marked.indexOf(':', open + 2);
            PiiType type = colon < 0 ? null : typeNamed(marked.substring(open + 2, colon));
            int close = type == null ? -1 : marked.indexOf("}}", colon + 1);
            if (type == null || close < 0) {
                text.append(marked, i, open + 2);
                i = open + 2;
                continue;
            }
            text.append(marked, i, open);
            int start = text.length();
            text.append(marked, colon + 1, close);
            expected.add(new Finding(type, start, text.length()));
            i = close + 2;
        }
        return new Sample(id, category, text.toString(), List.copyOf(expected));
    }

    private static PiiType typeNamed(String name) {
        if (name.isEmpty() || name.length() > 20 || !name.chars().allMatch(c -> c == '_' || (c >= 'A' && c <= 'Z'))) {
            return null;
        }
        try {
            return PiiType.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
