package com.proign.shopify.testinfra;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real PostgreSQL database for {@code @QuarkusTest}: the machine's cluster (started if it is down), with a role
 * and database named by the {@code database} init argument (for example {@code orders_test}). Flyway builds the
 * schema; services clean it at start in the test profile, so every run begins empty.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private String database;
    private String startedIn;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get("database");
        if (database == null || !database.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("PostgresResource needs a 'database' init argument, got " + database);
        }
    }

    @Override
    public Map<String, String> start() {
        String host = env("PGHOST", "127.0.0.1");
        String port = env("PGPORT", "5432");
        if (System.getenv("PGHOST") == null) {
            startedIn = LocalInfra.stateDir("postgres-" + database).toString();
            LocalInfra.run("postgres-start", startedIn);
        }
        LocalInfra.run("postgres-db", database, database);
        return Map.of(
                "quarkus.datasource.username", database,
                "quarkus.datasource.password", database,
                "quarkus.datasource.reactive.url", "postgresql://" + host + ":" + port + "/" + database,
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + host + ":" + port + "/" + database);
    }

    @Override
    public void stop() {
        if (startedIn != null) {
            LocalInfra.run("postgres-stop", startedIn);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
