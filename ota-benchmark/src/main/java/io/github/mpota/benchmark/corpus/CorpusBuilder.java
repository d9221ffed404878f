package io.github.mpota.benchmark.corpus;

import io.github.mpota.core.metadata.DevicePath;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Builds benchmark projects from a Python standard library, the same bytes for the same library and spec.
 *
 * <p>Text: the library's {@code .py} files in sorted path order, as many as the spec's text count, each cut at a
 * line end to one common length chosen so that the text adds up to the spec's size (the largest modules would
 * otherwise dwarf the rest). Binary, in {@code assets/}: in turn real compiled bytecode (the library's
 * {@code .pyc} files end to end, cut into pieces), PNG images of a noisy gradient, and pseudo-random bytes from
 * a fixed seed (data that is already compressed, such as firmware blobs).
 */
public final class CorpusBuilder {

    static final long SEED = 8266L;
    private static final String ASSETS = "assets/";

    private final Path stdlib;
    private List<String> sources;
    private List<String> bytecode;

    public CorpusBuilder(Path stdlib) {
        this.stdlib = stdlib;
    }

    /** The standard library of the {@code python3} on the PATH. */
    public static Path locateStdlib() throws CorpusException {
        ProcessBuilder pb = new ProcessBuilder("python3", "-c",
                "import sysconfig; print(sysconfig.get_paths()['stdlib'])").redirectErrorStream(true);
        String out;
        try {
            Process p = pb.start();
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new CorpusException("python3 could not tell where its standard library is (" + out
                        + "); pass --stdlib DIR, a folder of Python sources");
            }
        } catch (IOException e) {
            throw new CorpusException("python3 is not on the PATH (" + e.getMessage()
                    + "); pass --stdlib DIR, a folder of Python sources", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CorpusException("interrupted while asking python3 for its standard library", e);
        }
        Path dir = Path.of(out);
        if (!Files.isDirectory(dir)) {
            throw new CorpusException("python3 names " + out + " as its standard library, which is not a folder; "
                    + "pass --stdlib DIR");
        }
        return dir;
    }

    /** Writes the project into {@code target} (a new or empty folder) and returns what it holds. */
    public Project build(ProjectSpec spec, Path target) throws CorpusException, IOException {
        list();
        if (sources.size() < spec.textFiles()) {
            throw new CorpusException(stdlib + " has " + sources.size() + " .py files, the " + spec.name()
                    + " project needs " + spec.textFiles() + "; pass --stdlib DIR with a larger library");
        }
        Files.createDirectories(target.resolve(ASSETS));

        long binaryBytes = writeBinaries(spec, target);
        long textBudget = spec.bytes() - binaryBytes;

        List<String> chosen = sources.subList(0, spec.textFiles());
        long[] sizes = new long[chosen.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = Files.size(stdlib.resolve(chosen.get(i)));
        }
        long cap = lengthCap(sizes, textBudget);
        long textBytes = 0;
        for (String rel : chosen) {
            byte[] text = cutAtLineEnd(Files.readAllBytes(stdlib.resolve(rel)), cap);
            Path out = target.resolve(rel);
            Files.createDirectories(out.getParent());
            Files.write(out, text);
            textBytes += text.length;
        }
        return new Project(spec, target, chosen.size(), textBytes, spec.binaryFiles(), binaryBytes);
    }

    /** The largest length such that every size cut to it adds up to no more than {@code budget}. */
    static long lengthCap(long[] sizes, long budget) {
        long lo = 1;
        long hi = 1;
        for (long s : sizes) {
            hi = Math.max(hi, s);
        }
        while (lo < hi) {
            long mid = lo + (hi - lo + 1) / 2;
            long sum = 0;
            for (long s : sizes) {
                sum += Math.min(s, mid);
            }
            if (sum <= budget) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** The first {@code cap} bytes, shortened to their last line end so that the source stays whole lines. */
    static byte[] cutAtLineEnd(byte[] text, long cap) {
        if (text.length <= cap) {
            return text;
        }
        int end = (int) cap;
        for (int i = end - 1; i >= 0; i--) {
            if (text[i] == '\n') {
                end = i + 1;
                break;
            }
        }
        byte[] out = new byte[end];
        System.arraycopy(text, 0, out, 0, end);
        return out;
    }

    private long writeBinaries(ProjectSpec spec, Path target) throws IOException, CorpusException {
        int count = spec.binaryFiles();
        long each = spec.binaryBytes() / count;
        Random random = new Random(SEED + spec.files());
        BytecodeStream pyc = new BytecodeStream();
        long total = 0;
        for (int i = 0; i < count; i++) {
            byte[] data;
            String name;
            switch (i % 3) {
                case 0 -> {
                    data = pyc.next((int) each);
                    name = String.format("bytecode-%04d.pyc", i);
                }
                case 1 -> {
                    data = png((int) each, random);
                    name = String.format("image-%04d.png", i);
                }
                default -> {
                    data = new byte[(int) each];
                    random.nextBytes(data);
                    name = String.format("blob-%04d.bin", i);
                }
            }
            Files.write(target.resolve(ASSETS + name), data);
            total += data.length;
        }
        return total;
    }

    /** A PNG of about {@code size} bytes: a gradient with noise, so that it compresses as photos do, a little. */
    static byte[] png(int size, Random random) throws IOException {
        int width = 128;
        int height = Math.max(1, size / (width * 2));
        byte[] out = encodePng(width, height, random.nextLong());
        // One correction for the noise's real compressibility keeps the size near the aim.
        height = Math.max(1, (int) ((long) height * size / Math.max(1, out.length)));
        return encodePng(width, height, random.nextLong());
    }

    private static byte[] encodePng(int width, int height, long seed) throws IOException {
        Random noise = new Random(seed);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = clamp(x * 2 + noise.nextInt(17) - 8);
                int g = clamp(y % 256 + noise.nextInt(17) - 8);
                int b = clamp((x + y) % 256 + noise.nextInt(17) - 8);
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(img, "png", bytes)) {
            throw new IOException("this Java has no PNG writer");
        }
        return bytes.toByteArray();
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    private void list() throws CorpusException, IOException {
        if (sources != null) {
            return;
        }
        if (!Files.isDirectory(stdlib)) {
            throw new CorpusException("Python standard library " + stdlib + " is not a folder; pass --stdlib DIR");
        }
        List<String> py = new ArrayList<>();
        List<String> pyc = new ArrayList<>();
        try (var walk = Files.walk(stdlib)) {
            walk.filter(Files::isRegularFile).forEach(p -> {
                String rel = stdlib.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
                // Installed packages differ from machine to machine; the library itself does not.
                if (rel.startsWith("site-packages/") || rel.startsWith("dist-packages/")
                        || DevicePath.problem(rel).isPresent()) {
                    return;
                }
                if (rel.contains("__pycache__/")) {
                    if (rel.endsWith(".pyc")) {
                        pyc.add(rel);
                    }
                } else if (rel.endsWith(".py")) {
                    py.add(rel);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        py.sort(null);
        pyc.sort(null);
        if (py.isEmpty()) {
            throw new CorpusException(stdlib + " holds no .py files; pass --stdlib DIR, a folder of Python sources");
        }
        sources = py;
        bytecode = pyc;
    }

    /** The library's .pyc files end to end, handed out in pieces; without any, the .py sources stand in. */
    private final class BytecodeStream {
        private final List<String> files = bytecode.isEmpty() ? sources : bytecode;
        private int index;
        private byte[] current = new byte[0];
        private int offset;

        byte[] next(int size) throws IOException, CorpusException {
            byte[] out = new byte[size];
            int filled = 0;
            int wrapped = 0;
            while (filled < size) {
                if (offset == current.length) {
                    if (index == files.size()) {
                        index = 0;
                        if (++wrapped > 1) {
                            throw new CorpusException("no bytecode to read in " + stdlib);
                        }
                    }
                    current = Files.readAllBytes(stdlib.resolve(files.get(index++)));
                    offset = 0;
                    continue;
                }
                int n = Math.min(size - filled, current.length - offset);
                System.arraycopy(current, offset, out, filled, n);
                offset += n;
                filled += n;
            }
            return out;
        }
    }
}
