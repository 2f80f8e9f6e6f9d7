package org.icss.ledger.registry.query.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The arithmetic of the tamper-evident history, all SHA-256 in lower-case hex:
 * <ul>
 *     <li>an entry's payload hash is {@code H(payload)} over its canonical event (UTF-8);</li>
 *     <li>its entry hash is {@code H(previous entry hash + payload hash)}, the first entry's previous being
 *     {@link #GENESIS}; an organisation's chain head is its last entry's hash (entries in business order);</li>
 *     <li>a checkpoint's leaves are {@code H("leaf:" + organisationId + ":" + head)} in organisation id order; a parent
 *     is {@code H(left + right)}, an unpaired node goes up as it is; the root of no leaves is {@link #GENESIS}.</li>
 * </ul>
 * Anyone can redo each step with any SHA-256; nothing here is secret.
 */
public final class HistoryChain {

    /** The hash before the first entry, and the root of an empty checkpoint. */
    public static final String GENESIS = "0".repeat(64);

    private HistoryChain() {
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    public static String entryHash(String previous, String payloadHash) {
        return sha256(previous + payloadHash);
    }

    public static String leaf(String organisationId, String head) {
        return sha256("leaf:" + organisationId + ":" + head);
    }

    /** The Merkle root over {@code leaves} (already hashed, in order). */
    public static String root(List<String> leaves) {
        if (leaves.isEmpty()) {
            return GENESIS;
        }
        List<String> level = leaves;
        while (level.size() > 1) {
            level = up(level);
        }
        return level.get(0);
    }

    /**
     * The siblings from leaf {@code index} up to the root: each prefixed "L:" (the sibling is on the left) or "R:";
     * a level where the node has no sibling adds nothing.
     */
    public static List<String> inclusion(List<String> leaves, int index) {
        List<String> path = new ArrayList<>();
        List<String> level = leaves;
        int at = index;
        while (level.size() > 1) {
            int sibling = at % 2 == 0 ? at + 1 : at - 1;
            if (sibling < level.size()) {
                path.add((sibling < at ? "L:" : "R:") + level.get(sibling));
            }
            level = up(level);
            at = at / 2;
        }
        return path;
    }

    /** The root a leaf and its inclusion path lead to. */
    public static String rootFrom(String leaf, List<String> path) {
        String node = leaf;
        for (String step : path) {
            String sibling = step.substring(2);
            node = step.startsWith("L:") ? sha256(sibling + node) : sha256(node + sibling);
        }
        return node;
    }

    private static List<String> up(List<String> level) {
        List<String> parents = new ArrayList<>((level.size() + 1) / 2);
        for (int i = 0; i < level.size(); i += 2) {
            parents.add(i + 1 < level.size() ? sha256(level.get(i) + level.get(i + 1)) : level.get(i));
        }
        return parents;
    }
}
