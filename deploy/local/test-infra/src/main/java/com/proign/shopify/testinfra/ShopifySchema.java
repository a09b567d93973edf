package com.proign.shopify.testinfra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.ObjectMapper;

import graphql.introspection.IntrospectionResultToSchema;
import graphql.language.Document;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.errors.SchemaProblem;
import graphql.validation.ValidationError;
import graphql.validation.Validator;

/**
 * Shopify's Admin GraphQL schema, 2026-10, for checking a module's operations (.graphql files) the way Shopify
 * would: the copy the stand-in keeps (deploy/local/shopify-standin/src/main/resources/shopify), read once.
 */
public final class ShopifySchema {

    private static volatile GraphQLSchema schema;

    private ShopifySchema() {
    }

    /** The validation errors Shopify's schema finds in DOCUMENT; empty when it is valid. */
    public static List<String> validate(String document) {
        Document parsed = Parser.parse(document);
        List<ValidationError> errors = new Validator().validateDocument(schema(), parsed, Locale.ENGLISH);
        return errors.stream().map(ValidationError::getDescription).toList();
    }

    /** The .graphql files under a module's src/main/resources/shopify/graphql. */
    public static List<Path> operationsOf(Path moduleDir) {
        try (var files = Files.list(moduleDir.resolve("src/main/resources/shopify/graphql"))) {
            return files.filter(f -> f.toString().endsWith(".graphql")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static GraphQLSchema schema() {
        if (schema == null) {
            Path file = LocalInfra.suiteRoot().resolve("deploy/local/shopify-standin/src/main/resources/shopify/admin_2026-10.json.gz");
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                Map<String, Object> introspection = new ObjectMapper().readValue(in, Map.class);
                Document definition = new IntrospectionResultToSchema()
                        .createSchemaDefinition((Map<String, Object>) introspection.get("data"));
                TypeDefinitionRegistry registry = new SchemaParser().buildRegistry(definition);
                schema = new SchemaGenerator().makeExecutableSchema(registry,
                        RuntimeWiring.MOCKED_WIRING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SchemaProblem e) {
                throw new IllegalStateException("Shopify's schema does not build: " + e.getMessage(), e);
            }
        }
        return schema;
    }
}
