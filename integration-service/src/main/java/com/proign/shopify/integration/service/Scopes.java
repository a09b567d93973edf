package com.proign.shopify.integration.service;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Access scopes as the connection row keeps them: sorted, comma-separated. */
public final class Scopes {

    private Scopes() {
    }

    public static String join(Collection<String> scopes) {
        return String.join(",", new TreeSet<>(scopes));
    }

    /** The scopes of a row; null (never read) is empty. */
    public static Set<String> split(String joined) {
        return joined == null || joined.isBlank() ? Set.of() : new TreeSet<>(Arrays.asList(joined.split(",")));
    }

    /** The features of a connection whose scopes were read ({@code joined} not null); null when they never were. */
    public static List<Feature.Status> features(String joined) {
        return joined == null ? null : Feature.statuses(split(joined));
    }
}
