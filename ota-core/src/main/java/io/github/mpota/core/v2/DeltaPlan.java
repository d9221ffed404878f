package io.github.mpota.core.v2;

import io.github.mpota.core.selection.SourceFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a push sends, given the project's files (with their SHA-256) and the board's manifest: new and changed
 * files, the unchanged ones it skips, and the installed files the project no longer has (removed unless the user
 * keeps them). Only paths in the manifest can be removed, and the manifest lists only what updates installed.
 */
public record DeltaPlan(List<SourceFile> send, List<String> unchanged, List<String> delete) {

    public DeltaPlan {
        send = List.copyOf(send);
        unchanged = List.copyOf(unchanged);
        delete = List.copyOf(delete);
    }

    /** @param hashes the SHA-256 of each project file, in the order of {@code project} */
    public static DeltaPlan of(List<SourceFile> project, List<byte[]> hashes, Manifest board, boolean deleteRemoved) {
        Map<String, ManifestEntry> installed = board.byPath();
        List<SourceFile> send = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        Set<String> projectPaths = new HashSet<>();
        for (int i = 0; i < project.size(); i++) {
            SourceFile f = project.get(i);
            projectPaths.add(f.devicePath());
            ManifestEntry e = installed.get(f.devicePath());
            if (e != null && e.sameContent(f.size(), hashes.get(i))) {
                unchanged.add(f.devicePath());
            } else {
                send.add(f);
            }
        }
        List<String> delete = new ArrayList<>();
        if (deleteRemoved) {
            for (ManifestEntry e : board.entries()) {
                if (!projectPaths.contains(e.path())) {
                    delete.add(e.path());
                }
            }
        }
        return new DeltaPlan(send, unchanged, delete);
    }

    public boolean nothingToDo() {
        return send.isEmpty() && delete.isEmpty();
    }

    /** The manifest the board holds after this plan succeeded (installed entries kept when not deleted). */
    public static Manifest after(Manifest board, List<SourceFile> project, List<byte[]> hashes, List<String> deleted) {
        Map<String, ManifestEntry> m = board.byPath();
        for (String d : deleted) {
            m.remove(d);
        }
        for (int i = 0; i < project.size(); i++) {
            SourceFile f = project.get(i);
            m.put(f.devicePath(), new ManifestEntry(f.devicePath(), f.size(), hashes.get(i)));
        }
        return new Manifest(new ArrayList<>(m.values()));
    }
}
