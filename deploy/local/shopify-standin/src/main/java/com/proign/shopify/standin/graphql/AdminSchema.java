package com.proign.shopify.standin.graphql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.ObjectMapper;

import graphql.introspection.IntrospectionResultToSchema;
import graphql.language.Document;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;

/** Shopify's Admin GraphQL schema, 2026-10, from Shopify's own introspection result (see shopify/SCHEMA.md). */
public final class AdminSchema {

    public static final String VERSION = "2026-10";
    private static final String RESOURCE = "/shopify/admin_2026-10.json.gz";

    private AdminSchema() {
    }

    /** The type definitions exactly as Shopify publishes them. */
    @SuppressWarnings("unchecked")
    public static TypeDefinitionRegistry typeDefinitions() {
        try (InputStream in = new GZIPInputStream(AdminSchema.class.getResourceAsStream(RESOURCE))) {
            Map<String, Object> introspection = new ObjectMapper().readValue(in, Map.class);
            Document document = new IntrospectionResultToSchema()
                    .createSchemaDefinition((Map<String, Object>) introspection.get("data"));
            return new SchemaParser().buildRegistry(document);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    public static GraphQLSchema executable(RuntimeWiring wiring) {
        return new SchemaGenerator().makeExecutableSchema(typeDefinitions(), wiring);
    }
}
