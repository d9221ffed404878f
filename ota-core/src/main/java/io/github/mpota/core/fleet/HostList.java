package io.github.mpota.core.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The boards of a fleet, from a list of entries ({@code host[:port]}) and from a hosts file: one entry per line,
 * blank lines and everything after {@code #} ignored. The order is kept (the first boards are the canaries);
 * a board named twice is an error, since it would be pushed twice.
 */
public final class HostList {

    private HostList() {
    }

    /** Entries as given on a command line; each may itself be comma-separated. */
    public static List<Board> parse(List<String> entries, int defaultPort) throws FleetException {
        List<Board> boards = new ArrayList<>();
        for (String entry : entries) {
            for (String part : entry.split(",")) {
                if (!part.isBlank()) {
                    boards.add(Board.parse(part, defaultPort));
                }
            }
        }
        return boards;
    }

    public static List<Board> read(Path file, int defaultPort) throws FleetException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new FleetException("the hosts file " + file + " does not exist");
        } catch (IOException e) {
            throw new FleetException("cannot read the hosts file " + file + ": " + e.getMessage());
        }
        List<Board> boards = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String entry = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (entry.isEmpty()) {
                continue;
            }
            try {
                boards.add(Board.parse(entry, defaultPort));
            } catch (FleetException e) {
                throw new FleetException(file + " line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return boards;
    }

    /** The boards of both sources, in order; refuses duplicates and an empty fleet. */
    public static List<Board> combine(List<Board> fromList, List<Board> fromFile) throws FleetException {
        List<Board> all = new ArrayList<>(fromList);
        all.addAll(fromFile);
        if (all.isEmpty()) {
            throw new FleetException("no boards: the host list and the hosts file name none");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (Board b : all) {
            if (!seen.add(b.key() + ":" + b.port())) {
                throw new FleetException("board " + b.label() + " is named twice; each board is pushed once");
            }
        }
        return List.copyOf(all);
    }
}
