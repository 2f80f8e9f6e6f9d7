package org.icss.ledger.events;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The versions of the standard the ledger knows, read from data files: {@code versions.csv} lists each version
 * with its attributes file and the audit dates it accepts; each attributes file lists code, perspective and name.
 * A new version is a new file and a line in the index, not code.
 */
public final class StandardsCatalogue {

    public static final String DEFAULT_LOCATION = "icss/standards/";

    private final Map<StandardVersion, Standard> standards;

    private StandardsCatalogue(Map<StandardVersion, Standard> standards) {
        this.standards = Collections.unmodifiableMap(new LinkedHashMap<>(standards));
    }

    /** The catalogue shipped in this module's resources. */
    public static StandardsCatalogue shipped() {
        ClassLoader loader = StandardsCatalogue.class.getClassLoader();
        return load(name -> loader.getResourceAsStream(DEFAULT_LOCATION + name));
    }

    /**
     * Reads a catalogue through {@code open}, which opens a file of the catalogue by name (null when absent).
     */
    public static StandardsCatalogue load(Function<String, InputStream> open) {
        Map<StandardVersion, Standard> standards = new LinkedHashMap<>();
        for (String[] row : rows(open, "versions.csv")) {
            requireColumns(row, 3, "versions.csv");
            StandardVersion version = new StandardVersion(row[0]);
            LocalDate from = LocalDate.parse(row[2]);
            Optional<LocalDate> until = row.length > 3 && !row[3].isBlank()
                    ? Optional.of(LocalDate.parse(row[3])) : Optional.empty();
            List<Attribute> attributes = new ArrayList<>();
            for (String[] attribute : rows(open, row[1])) {
                requireColumns(attribute, 3, row[1]);
                attributes.add(new Attribute(new AttributeCode(attribute[0]), Perspective.valueOf(attribute[1]),
                        attribute[2]));
            }
            if (attributes.isEmpty()) {
                throw new IllegalStateException(row[1] + " lists no attributes for " + version);
            }
            long distinct = attributes.stream().map(Attribute::code).distinct().count();
            if (distinct != attributes.size()) {
                throw new IllegalStateException(row[1] + " lists an attribute code twice");
            }
            standards.put(version, new Standard(version, from, until, attributes));
        }
        return new StandardsCatalogue(standards);
    }

    public Optional<Standard> find(StandardVersion version) {
        return Optional.ofNullable(standards.get(version));
    }

    public Optional<Standard> find(String versionCode) {
        return standards.values().stream().filter(s -> s.version().code().equals(versionCode)).findFirst();
    }

    /** Every version, in the order of versions.csv. */
    public Collection<Standard> all() {
        return standards.values();
    }

    private static void requireColumns(String[] row, int count, String file) {
        if (row.length < count) {
            throw new IllegalStateException(file + ": expected " + count + " columns in " + String.join(",", row));
        }
    }

    private static List<String[]> rows(Function<String, InputStream> open, String file) {
        InputStream in = open.apply(file);
        if (in == null) {
            throw new IllegalStateException("standards catalogue file not found: " + file);
        }
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = cells[i].trim();
                }
                rows.add(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading standards catalogue file " + file, e);
        }
        return rows;
    }
}
