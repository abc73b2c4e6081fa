package io.awoooi.core.shield;

import io.awoooi.core.privacy.PiiType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The labels of one incident: the same value always gets the same label, and a new value gets the
 * next number of its type, in order of first appearance. Values are known here only by their keyed
 * hash (HMAC), so the book built from the vault never holds a plaintext; the values seen while
 * redacting are kept only for the entries this book adds, until they are sealed into the vault.
 */
public final class LabelBook {
    private final String incidentId;
    private final Function<String, String> keyedHash;
    private final Map<String, Label> byHash = new HashMap<>();
    private final Map<PiiType, Integer> highest = new EnumMap<>(PiiType.class);
    private final List<NewEntry> added = new ArrayList<>();
    private final Map<String, PiiType> knownValues = new HashMap<>();

    /** A label this book handed out for the first time, with its value, to be sealed. */
    public record NewEntry(Label label, String value, String valueHash) {
        @Override
        public String toString() {
            return "NewEntry[" + label + "]"; // never the value
        }
    }

    /**
     * A book that is never sealed into the vault: for text nobody needs to rehydrate (a drift
     * report's narration, issue #15), labelled the same way. Its hashes are keyed with a random
     * secret of this book alone.
     */
    public static LabelBook unsealed(String id) {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        String salt = java.util.HexFormat.of().formatHex(key);
        return new LabelBook(id, List.of(), value -> io.awoooi.core.Hashing.sha256Hex(salt + "\n" + value));
    }

    LabelBook(String incidentId, List<VaultEntry> existing, Function<String, String> keyedHash) {
        this.incidentId = Objects.requireNonNull(incidentId, "incidentId");
        this.keyedHash = keyedHash;
        for (VaultEntry e : existing) {
            byHash.putIfAbsent(e.valueHash(), e.label());
            highest.merge(e.label().type(), e.label().number(), Math::max);
        }
    }

    public String incidentId() {
        return incidentId;
    }

    /** The label of a value, handing out the next one of its type if the value is new. */
    public Label labelFor(PiiType type, String value) {
        String hash = keyedHash.apply(value);
        Label known = byHash.get(hash);
        if (known != null) {
            return known;
        }
        Label label = new Label(type, highest.merge(type, 1, Integer::sum));
        byHash.put(hash, label);
        added.add(new NewEntry(label, value, hash));
        return label;
    }

    /** The label the value already has in this book, without handing out a new one. */
    public java.util.Optional<Label> find(String value) {
        return java.util.Optional.ofNullable(byHash.get(keyedHash.apply(value)));
    }

    /** Values labelled as a whole (Kubernetes names), to be replaced in free text too. */
    void remember(String value, PiiType type) {
        knownValues.putIfAbsent(value, type);
    }

    Map<String, PiiType> rememberedValues() {
        return knownValues;
    }

    public List<NewEntry> added() {
        return List.copyOf(added);
    }

    public int size() {
        return byHash.size();
    }
}
