package com.proign.shopify.standin.graphql;

import java.util.Map;

import graphql.GraphQLContext;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.execution.CoercedVariables;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.TypeResolver;
import graphql.schema.idl.FieldWiringEnvironment;
import graphql.schema.idl.InterfaceWiringEnvironment;
import graphql.schema.idl.ScalarInfo;
import graphql.schema.idl.ScalarWiringEnvironment;
import graphql.schema.idl.UnionWiringEnvironment;
import graphql.schema.idl.WiringFactory;

/**
 * What every type of Shopify's schema gets without being simulated field by field: Shopify's custom scalars
 * (DateTime, Money, URL, UnsignedInt64, ...) carried as their string or JSON form, interfaces and unions
 * resolved by the {@code __typename} of the value, and fields read from the value by name.
 */
final class SchemaWiring implements WiringFactory {

    static final String TYPENAME = "__typename";

    @Override
    public boolean providesScalar(ScalarWiringEnvironment environment) {
        return !ScalarInfo.isGraphqlSpecifiedScalar(environment.getScalarTypeDefinition().getName());
    }

    @Override
    public GraphQLScalarType getScalar(ScalarWiringEnvironment environment) {
        return GraphQLScalarType.newScalar()
                .name(environment.getScalarTypeDefinition().getName())
                .definition(environment.getScalarTypeDefinition())
                .coercing(PASS_THROUGH)
                .build();
    }

    @Override
    public boolean providesTypeResolver(InterfaceWiringEnvironment environment) {
        return true;
    }

    @Override
    public TypeResolver getTypeResolver(InterfaceWiringEnvironment environment) {
        return BY_TYPENAME;
    }

    @Override
    public boolean providesTypeResolver(UnionWiringEnvironment environment) {
        return true;
    }

    @Override
    public TypeResolver getTypeResolver(UnionWiringEnvironment environment) {
        return BY_TYPENAME;
    }

    @Override
    public DataFetcher<?> getDefaultDataFetcher(FieldWiringEnvironment environment) {
        String field = environment.getFieldDefinition().getName();
        String type = environment.getParentType().getName();
        return env -> {
            Object source = env.getSource();
            if (source instanceof Map<?, ?> map && map.containsKey(field)) {
                return map.get(field);
            }
            // a field of Shopify's schema the stand-in does not serve: say so rather than answer a silent null
            return DataFetcherResult.newResult()
                    .error(GraphqlErrorBuilder.newError(env)
                            .message("The Shopify stand-in does not simulate " + type + "." + field)
                            .extensions(Map.of("code", "NOT_SIMULATED"))
                            .build())
                    .build();
        };
    }

    private static final TypeResolver BY_TYPENAME = env -> {
        Object value = env.getObject();
        String type = value instanceof Map<?, ?> map ? (String) map.get(TYPENAME) : null;
        GraphQLObjectType resolved = type == null ? null : env.getSchema().getObjectType(type);
        if (resolved == null) {
            throw new IllegalStateException("the stand-in gave no __typename for a value of " + env.getFieldType());
        }
        return resolved;
    };

    /** Shopify's scalars travel as JSON strings (or JSON values for the JSON scalar); nothing is reinterpreted. */
    private static final Coercing<Object, Object> PASS_THROUGH = new Coercing<>() {
        @Override
        public Object serialize(Object value, GraphQLContext context, java.util.Locale locale) {
            return value;
        }

        @Override
        public Object parseValue(Object input, GraphQLContext context, java.util.Locale locale) {
            return input;
        }

        @Override
        public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                java.util.Locale locale) {
            return literal(input, variables);
        }

        private Object literal(Value<?> input, CoercedVariables variables) {
            if (input instanceof StringValue s) {
                return s.getValue();
            }
            if (input instanceof IntValue i) {
                return i.getValue().toString();
            }
            if (input instanceof FloatValue f) {
                return f.getValue().toPlainString();
            }
            if (input instanceof BooleanValue b) {
                return b.isValue();
            }
            if (input instanceof NullValue) {
                return null;
            }
            if (input instanceof VariableReference v) {
                return variables.get(v.getName());
            }
            if (input instanceof ArrayValue a) {
                return a.getValues().stream().map(v -> literal(v, variables)).toList();
            }
            if (input instanceof ObjectValue o) {
                Map<String, Object> map = new java.util.LinkedHashMap<>();
                o.getObjectFields().forEach(f -> map.put(f.getName(), literal(f.getValue(), variables)));
                return map;
            }
            throw new CoercingParseLiteralException("unsupported literal " + input);
        }
    };
}
