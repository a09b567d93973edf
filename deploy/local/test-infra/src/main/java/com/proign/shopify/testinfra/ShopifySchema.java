package com.proign.shopify.testinfra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.ObjectMapper;

import graphql.introspection.IntrospectionResultToSchema;
import graphql.language.Argument;
import graphql.language.EnumValue;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.Document;
import graphql.parser.Parser;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
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

    /**
     * The validation errors Shopify's schema finds in DOCUMENT, and every deprecated field, argument or enum value it
     * uses (Shopify removes them in a later version); empty when it is valid and uses none.
     */
    public static List<String> validate(String document) {
        Document parsed = Parser.parse(document);
        List<ValidationError> errors = new Validator().validateDocument(schema(), parsed, Locale.ENGLISH);
        if (!errors.isEmpty()) {
            return errors.stream().map(ValidationError::getDescription).toList();
        }
        return deprecations(parsed);
    }

    /** Each deprecated field, argument and enum value literal the (valid) document selects or passes. */
    private static List<String> deprecations(Document document) {
        List<String> found = new ArrayList<>();
        Map<String, FragmentDefinition> fragments = new java.util.HashMap<>();
        document.getDefinitionsOfType(FragmentDefinition.class).forEach(f -> fragments.put(f.getName(), f));
        for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
            GraphQLObjectType root = switch (operation.getOperation()) {
                case MUTATION -> schema().getMutationType();
                case SUBSCRIPTION -> schema().getSubscriptionType();
                default -> schema().getQueryType();
            };
            walk(operation.getSelectionSet(), root, fragments, found);
        }
        return found;
    }

    private static void walk(SelectionSet selections, GraphQLType type, Map<String, FragmentDefinition> fragments,
            List<String> found) {
        if (selections == null || !(type instanceof GraphQLFieldsContainer container)) {
            if (selections != null && type != null) {
                // a union: only its fragments select fields
                selections.getSelections().forEach(s -> fragment(s, fragments, found));
            }
            return;
        }
        for (Selection<?> selection : selections.getSelections()) {
            if (selection instanceof Field field) {
                GraphQLFieldDefinition definition = container.getFieldDefinition(field.getName());
                if (definition == null) {
                    continue; // __typename
                }
                String where = container.getName() + "." + field.getName();
                if (definition.isDeprecated()) {
                    found.add(where + " is deprecated: " + definition.getDeprecationReason());
                }
                for (Argument argument : field.getArguments()) {
                    GraphQLArgument argumentDefinition = definition.getArgument(argument.getName());
                    if (argumentDefinition == null) {
                        continue;
                    }
                    if (argumentDefinition.isDeprecated()) {
                        found.add(where + "(" + argument.getName() + ") is deprecated: "
                                + argumentDefinition.getDeprecationReason());
                    }
                    if (argument.getValue() instanceof EnumValue value
                            && GraphQLTypeUtil.unwrapAll(argumentDefinition.getType()) instanceof GraphQLEnumType enumType
                            && enumType.getValue(value.getName()) != null && enumType.getValue(value.getName()).isDeprecated()) {
                        found.add(enumType.getName() + "." + value.getName() + " is deprecated: "
                                + enumType.getValue(value.getName()).getDeprecationReason());
                    }
                }
                walk(field.getSelectionSet(), GraphQLTypeUtil.unwrapAll(definition.getType()), fragments, found);
            } else {
                fragment(selection, fragments, found);
            }
        }
    }

    private static void fragment(Selection<?> selection, Map<String, FragmentDefinition> fragments, List<String> found) {
        if (selection instanceof InlineFragment inline && inline.getTypeCondition() != null) {
            walk(inline.getSelectionSet(), schema().getType(inline.getTypeCondition().getName()), fragments, found);
        } else if (selection instanceof FragmentSpread spread && fragments.containsKey(spread.getName())) {
            FragmentDefinition definition = fragments.get(spread.getName());
            walk(definition.getSelectionSet(), schema().getType(definition.getTypeCondition().getName()), fragments, found);
        }
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
