package dev.warren.app.ui.importing;

import java.util.ArrayList;
import java.util.List;

/** What reading the chosen sources produced: configs to store and the sources (or entries) that failed. */
public record ImportBatch(List<ImportCandidate> candidates, List<ImportFailure> failures) {

    public ImportBatch {
        candidates = List.copyOf(candidates);
        failures = List.copyOf(failures);
    }

    public static ImportBatch of(List<ImportCandidate> candidates) {
        return new ImportBatch(candidates, List.of());
    }

    public static ImportBatch failed(String origin, String reason) {
        return new ImportBatch(List.of(), List.of(new ImportFailure(origin, reason)));
    }

    public ImportBatch plus(ImportBatch other) {
        List<ImportCandidate> c = new ArrayList<>(candidates);
        c.addAll(other.candidates);
        List<ImportFailure> f = new ArrayList<>(failures);
        f.addAll(other.failures);
        return new ImportBatch(c, f);
    }

    /** How many things the user asked to import: every config found plus every source that yielded none. */
    public int attempted() {
        return candidates.size() + failures.size();
    }
}
