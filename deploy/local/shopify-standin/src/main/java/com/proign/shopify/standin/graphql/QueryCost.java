package com.proign.shopify.standin.graphql;

import java.util.List;
import java.util.Map;

import graphql.language.Argument;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

/**
 * A query's cost by Shopify's rules (https://shopify.dev/docs/api/usage/limits): a scalar or enum costs 0, an object 1, a connection 2 plus its
 * page size times the cost of one node, an interface or union the most expensive of its selections, a mutation
 * 10. The requested cost uses the page sizes asked for; the actual cost, the number of nodes returned.
 */
final class QueryCost {

    static final int MUTATION = 10;

    private final GraphQLSchema schema;
    private final Document document;
    private final Map<String, Object> variables;

    QueryCost(GraphQLSchema schema, Document document, Map<String, Object> variables) {
        this.schema = schema;
        this.document = document;
        this.variables = variables;
    }

    int requested(OperationDefinition operation) {
        return of(operation, null);
    }

    int actual(OperationDefinition operation, Object data) {
        return of(operation, data == null ? Map.of() : data);
    }

    private int of(OperationDefinition operation, Object data) {
        if (operation.getOperation() == OperationDefinition.Operation.MUTATION) {
            return MUTATION * operation.getSelectionSet().getSelectionsOfType(Field.class).size();
        }
        return selections(operation.getSelectionSet(), schema.getQueryType(), data);
    }

    /** DATA is null for the requested cost, else the result value at this level. */
    private int selections(SelectionSet set, GraphQLCompositeType parent, Object data) {
        if (set == null) {
            return 0;
        }
        int fields = 0;
        int fragments = 0;
        for (Selection<?> selection : set.getSelections()) {
            if (selection instanceof Field field) {
                fields += field(field, parent, data);
            } else if (selection instanceof InlineFragment inline) {
                GraphQLCompositeType on = inline.getTypeCondition() == null ? parent
                        : (GraphQLCompositeType) schema.getType(inline.getTypeCondition().getName());
                fragments = Math.max(fragments, selections(inline.getSelectionSet(), on, data));
            } else if (selection instanceof FragmentSpread spread) {
                FragmentDefinition definition = document.getDefinitionsOfType(FragmentDefinition.class).stream()
                        .filter(d -> d.getName().equals(spread.getName())).findFirst().orElse(null);
                if (definition != null) {
                    GraphQLCompositeType on = (GraphQLCompositeType) schema.getType(definition.getTypeCondition().getName());
                    fragments = Math.max(fragments, selections(definition.getSelectionSet(), on, data));
                }
            }
        }
        return fields + fragments;
    }

    private int field(Field field, GraphQLCompositeType parent, Object data) {
        if (field.getName().startsWith("__") || !(parent instanceof GraphQLFieldsContainer container)) {
            return 0;
        }
        GraphQLFieldDefinition definition = container.getFieldDefinition(field.getName());
        if (definition == null) {
            return 0;
        }
        GraphQLType type = GraphQLTypeUtil.unwrapAll(definition.getType());
        if (!(type instanceof GraphQLCompositeType composite)) {
            return 0;
        }
        Object value = data instanceof Map<?, ?> map ? map.get(field.getResultKey()) : null;
        if (composite.getName().endsWith("Connection")) {
            return data == null ? 2 + pageSize(field) * nodeCost(field, composite) : 2 + returnedNodesCost(field, composite, value);
        }
        int each = 1 + selections(field.getSelectionSet(), composite, data == null ? null : first(value));
        if (isList(definition.getType())) {
            // a plain list is costed by its page size (or as one object) whether requested or actual
            return Math.max(1, pageSize(field)) * each;
        }
        return each;
    }

    /** One node of a connection: through {@code nodes} or {@code edges { node }}, whichever costs more. */
    private int nodeCost(Field connection, GraphQLCompositeType connectionType) {
        int cost = 0;
        if (connection.getSelectionSet() == null) {
            return 0;
        }
        GraphQLFieldsContainer container = (GraphQLFieldsContainer) connectionType;
        for (Field f : connection.getSelectionSet().getSelectionsOfType(Field.class)) {
            if (f.getName().equals("nodes")) {
                GraphQLCompositeType node = (GraphQLCompositeType) GraphQLTypeUtil.unwrapAll(
                        container.getFieldDefinition("nodes").getType());
                cost = Math.max(cost, 1 + selections(f.getSelectionSet(), node, null));
            } else if (f.getName().equals("edges") && f.getSelectionSet() != null) {
                GraphQLFieldsContainer edge = (GraphQLFieldsContainer) GraphQLTypeUtil.unwrapAll(
                        container.getFieldDefinition("edges").getType());
                for (Field n : f.getSelectionSet().getSelectionsOfType(Field.class)) {
                    if (n.getName().equals("node")) {
                        GraphQLCompositeType node = (GraphQLCompositeType) GraphQLTypeUtil.unwrapAll(
                                edge.getFieldDefinition("node").getType());
                        cost = Math.max(cost, 1 + selections(n.getSelectionSet(), node, null));
                    }
                }
            }
        }
        return cost;
    }

    /**
     * The actual cost of a connection's nodes: each node returned, costed by what it returned (its own nested
     * connections by their returned nodes too), as Shopify refunds the rest.
     */
    private int returnedNodesCost(Field connection, GraphQLCompositeType connectionType, Object value) {
        if (connection.getSelectionSet() == null || !(value instanceof Map<?, ?> map)) {
            return 0;
        }
        GraphQLFieldsContainer container = (GraphQLFieldsContainer) connectionType;
        int cost = 0;
        for (Field f : connection.getSelectionSet().getSelectionsOfType(Field.class)) {
            if (f.getName().equals("nodes") && map.get(f.getResultKey()) instanceof List<?> nodes) {
                GraphQLCompositeType node = (GraphQLCompositeType) GraphQLTypeUtil.unwrapAll(
                        container.getFieldDefinition("nodes").getType());
                int sum = 0;
                for (Object item : nodes) {
                    sum += 1 + selections(f.getSelectionSet(), node, item == null ? Map.of() : item);
                }
                cost = Math.max(cost, sum);
            } else if (f.getName().equals("edges") && f.getSelectionSet() != null
                    && map.get(f.getResultKey()) instanceof List<?> edges) {
                GraphQLFieldsContainer edge = (GraphQLFieldsContainer) GraphQLTypeUtil.unwrapAll(
                        container.getFieldDefinition("edges").getType());
                for (Field n : f.getSelectionSet().getSelectionsOfType(Field.class)) {
                    if (n.getName().equals("node")) {
                        GraphQLCompositeType node = (GraphQLCompositeType) GraphQLTypeUtil.unwrapAll(
                                edge.getFieldDefinition("node").getType());
                        int sum = 0;
                        for (Object e : edges) {
                            Object item = e instanceof Map<?, ?> em ? em.get(n.getResultKey()) : null;
                            sum += 1 + selections(n.getSelectionSet(), node, item == null ? Map.of() : item);
                        }
                        cost = Math.max(cost, sum);
                    }
                }
            }
        }
        return cost;
    }

    private int pageSize(Field field) {
        for (Argument argument : field.getArguments()) {
            if (argument.getName().equals("first") || argument.getName().equals("last")) {
                Object value = value(argument.getValue());
                if (value instanceof Number n) {
                    return n.intValue();
                }
            }
        }
        return 0;
    }

    private Object value(Value<?> value) {
        if (value instanceof IntValue i) {
            return i.getValue().intValue();
        }
        if (value instanceof VariableReference ref) {
            return variables.get(ref.getName());
        }
        return null;
    }

    private static Object first(Object value) {
        return value instanceof List<?> list ? (list.isEmpty() ? Map.of() : list.get(0)) : value;
    }

    private static boolean isList(GraphQLType type) {
        GraphQLType t = type instanceof GraphQLNonNull nn ? nn.getWrappedType() : type;
        return t instanceof GraphQLList;
    }
}
