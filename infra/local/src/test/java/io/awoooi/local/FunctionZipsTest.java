package io.awoooi.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.awoooi.testing.RepoRoot;
import io.awoooi.testing.SamTemplate;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the template deploys, checked on the function.zip files themselves (issue #13, ADR 0022):
 * each is under the size budget, and every class our code names (ours: the function's classes and
 * the io.awoooi jars in its lib/) loads from the zip alone, with nothing but the JDK beside it. That
 * is the proof that trimming dependencies (fabric8 model jars, AWS SDK modules, SQS from the MCP
 * bridge) left nothing our code uses behind. Ours is what the function reaches: its own classes and
 * the io.awoooi classes they name, transitively (a constant-pool closure, not a call graph: a class
 * named anywhere in a reached class counts).
 * What the libraries call inside themselves is not seen here: the end-to-end suites run the zips.
 */
class FunctionZipsTest {
    /** As AWS states its Lambda package limits, a MB here is 2^20 bytes (50 MB zipped = 52,428,800 bytes). */
    static final long BUDGET_BYTES = 25L * 1024 * 1024;

    /** A class name inside a descriptor or signature: {@code Lio/awoooi/core/Foo;}. */
    private static final Pattern DESCRIPTOR_CLASS = Pattern.compile("L([A-Za-z_$][\\w$]*(?:/[A-Za-z_$][\\w$]*)+);");

    @TempDir
    Path dir;

    @Test
    void everyFunctionZip_underTheSizeBudget() throws IOException {
        // GIVEN the zips the template deploys
        Map<String, Path> zips = zips();
        // WHEN their sizes are taken / THEN each is under 25 MB
        Map<String, Long> over = new TreeMap<>();
        for (var e : zips.entrySet()) {
            long size = Files.size(e.getValue());
            if (size >= BUDGET_BYTES) {
                over.put(e.getKey(), size);
            }
        }
        assertThat(over).as("zips at or over %d bytes (docs/benchmarks.md, Function zips)", BUDGET_BYTES).isEmpty();
    }

    @Test
    void everyClassOurCodeNames_loadsFromTheZipAlone() throws IOException {
        // GIVEN each zip, unpacked, on a class path of its own (the JDK's platform loader as parent)
        Map<String, Path> zips = zips();
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (var e : zips.entrySet()) {
            Path unpacked = unpack(e.getValue(), dir.resolve(e.getKey()));
            Map<String, Set<String>> referencedBy = referencesOfOurClasses(unpacked);
            assertThat(referencedBy).as("%s has classes of ours", e.getKey()).isNotEmpty();
            // WHEN every class they name is loaded (not initialised)
            try (URLClassLoader loader = new URLClassLoader(classPath(unpacked),
                    ClassLoader.getPlatformClassLoader())) {
                for (var ref : referencedBy.entrySet()) {
                    checked++;
                    try {
                        Class.forName(ref.getKey().replace('/', '.'), false, loader);
                    } catch (ClassNotFoundException | LinkageError absent) {
                        missing.add(e.getKey() + ": " + ref.getKey() + " (named by " + ref.getValue() + ")");
                    }
                }
            }
        }
        // THEN all of them are there
        assertThat(checked).isGreaterThan(1_000);
        assertThat(missing).as("classes our code names that the zip lacks").isEmpty();
    }

    /** Logical id -> function.zip, every function of the template; all must be built. */
    private static Map<String, Path> zips() throws IOException {
        Path template = RepoRoot.template();
        SamTemplate sam = SamTemplate.load(template);
        Map<String, Path> zips = new TreeMap<>();
        for (String id : sam.logicalIdsOfType(SamTemplate.FUNCTION)) {
            Path zip = template.getParent().resolve(String.valueOf(sam.properties(id).get("CodeUri"))).normalize();
            zips.put(id, zip);
        }
        assumeTrue(zips.values().stream().allMatch(Files::isRegularFile),
                "the function.zip files are not built (./awoooi build): " + zips.values());
        return zips;
    }

    private static Path unpack(Path zip, Path into) throws IOException {
        Files.createDirectories(into);
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : z.stream().toList()) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("zip entry outside the directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = z.getInputStream(entry)) {
                        Files.copy(in, target);
                    }
                }
            }
        }
        return into;
    }

    private static URL[] classPath(Path unpacked) throws IOException {
        List<URL> urls = new ArrayList<>();
        urls.add(unpacked.toUri().toURL());
        Path lib = unpacked.resolve("lib");
        if (Files.isDirectory(lib)) {
            try (var jars = Files.list(lib)) {
                for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                    urls.add(jar.toUri().toURL());
                }
            }
        }
        return urls.toArray(URL[]::new);
    }

    /**
     * Class named -> up to three classes of ours that name it, over the classes of ours the function
     * reaches: from its own classes (the zip's io/awoooi tree: the function module and the beans
     * Quarkus generated for every bean it found), through every io.awoooi class they name, found in
     * the root or in lib/io.awoooi.*.jar. A class of ours no function class reaches is not followed.
     */
    private static Map<String, Set<String>> referencesOfOurClasses(Path unpacked) throws IOException {
        Map<String, byte[]> ours = new TreeMap<>();
        List<String> roots = new ArrayList<>();
        Path own = unpacked.resolve("io/awoooi");
        if (Files.isDirectory(own)) {
            try (var files = Files.walk(own)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                    String name = unpacked.relativize(f).toString().replace(java.io.File.separatorChar, '/');
                    name = name.substring(0, name.length() - ".class".length());
                    ours.put(name, Files.readAllBytes(f));
                    roots.add(name);
                }
            }
        }
        Path lib = unpacked.resolve("lib");
        if (Files.isDirectory(lib)) {
            try (var jars = Files.list(lib)) {
                for (Path jar : jars.filter(p -> p.getFileName().toString().startsWith("io.awoooi.")).toList()) {
                    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar))) {
                        for (ZipEntry entry; (entry = in.getNextEntry()) != null;) {
                            if (entry.getName().endsWith(".class")) {
                                String name = entry.getName().substring(0,
                                        entry.getName().length() - ".class".length());
                                ours.putIfAbsent(name, in.readAllBytes());
                            }
                        }
                    }
                }
            }
        }
        Map<String, Set<String>> out = new TreeMap<>();
        Set<String> reached = new TreeSet<>(roots);
        java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>(roots);
        while (!queue.isEmpty()) {
            String owner = queue.poll();
            for (String named : namedClasses(ours.get(owner))) {
                if (ours.containsKey(named)) {
                    if (reached.add(named)) {
                        queue.add(named);
                    }
                } else {
                    Set<String> owners = out.computeIfAbsent(named, k -> new TreeSet<>());
                    if (owners.size() < 3) {
                        owners.add(owner);
                    }
                }
            }
        }
        return out;
    }

    /** Every class a class file names: its Class constants and the classes inside its descriptors and signatures. */
    static Set<String> namedClasses(byte[] classFile) {
        Set<String> names = new TreeSet<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
            if (in.readInt() != 0xCAFEBABE) {
                throw new IOException("not a class file");
            }
            in.readUnsignedShort(); // minor
            in.readUnsignedShort(); // major
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            List<Integer> classIndexes = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 7 -> classIndexes.add(in.readUnsignedShort());
                    case 8, 16, 19, 20 -> in.readUnsignedShort();
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
                    case 5, 6 -> {
                        in.readLong();
                        i++; // eight-byte constants take two slots
                    }
                    case 15 -> {
                        in.readUnsignedByte();
                        in.readUnsignedShort();
                    }
                    default -> throw new IOException("unknown constant pool tag " + tag);
                }
            }
            for (int index : classIndexes) {
                String name = utf8[index];
                if (name == null) {
                    continue;
                }
                if (name.startsWith("[")) {
                    addDescriptorClasses(name, names);
                } else {
                    names.add(name);
                }
            }
            for (String text : utf8) {
                if (text != null && text.indexOf(';') > 0) {
                    addDescriptorClasses(text, names);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    private static void addDescriptorClasses(String text, Set<String> names) {
        Matcher m = DESCRIPTOR_CLASS.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
    }

    @Test
    void namedClasses_classFile_findsConstantsAndDescriptors() throws IOException {
        // GIVEN this test's own class file
        byte[] self;
        try (InputStream in = FunctionZipsTest.class.getResourceAsStream("FunctionZipsTest.class")) {
            self = in.readAllBytes();
        }
        // WHEN its named classes are read
        Set<String> names = namedClasses(self);
        // THEN the classes it uses appear (a Class constant, and types only in signatures)
        assertThat(names).contains("java/util/zip/ZipFile", "io/awoooi/testing/SamTemplate", "java/net/URLClassLoader",
                "java/util/regex/Matcher");
    }
}
