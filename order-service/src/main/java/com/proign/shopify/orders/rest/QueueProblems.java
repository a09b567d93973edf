package com.proign.shopify.orders.rest;

import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Response;

import org.hibernate.StaleObjectStateException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.proign.shopify.orders.service.ConcurrentChangeException;
import com.proign.shopify.orders.service.InvalidShipmentException;
import com.proign.shopify.orders.service.InvalidTransitionException;
import com.proign.shopify.orders.service.OrderNotFoundException;
import com.proign.shopify.orders.service.ShipmentNotFoundException;

import io.quarkiverse.resteasy.problem.HttpProblem;

/** The queue's refusals as problem details. */
public class QueueProblems {

    @ServerExceptionMapper
    public Response notFound(OrderNotFoundException e) {
        return problem(404, "Order not found", e.getMessage());
    }

    @ServerExceptionMapper
    public Response invalidTransition(InvalidTransitionException e) {
        return problem(409, "Invalid transition", e.getMessage());
    }

    @ServerExceptionMapper
    public Response concurrent(ConcurrentChangeException e) {
        return problem(409, "Changed meanwhile", e.getMessage());
    }

    /** Two moves raced on one order and this one lost. */
    @ServerExceptionMapper({ OptimisticLockException.class, StaleObjectStateException.class })
    public Response lostRace(RuntimeException e) {
        return problem(409, "Changed meanwhile", "the order was changed by another request at the same moment; read it again");
    }

    @ServerExceptionMapper
    public Response shipmentNotFound(ShipmentNotFoundException e) {
        return problem(404, "Not Found", e.getMessage());
    }

    @ServerExceptionMapper
    public Response invalidDecision(com.proign.shopify.orders.service.InvalidDecisionException e) {
        return problem(422, "Invalid answer", e.getMessage());
    }

    @ServerExceptionMapper
    public Response invalidShipment(InvalidShipmentException e) {
        return problem(422, "Invalid shipment", e.getMessage());
    }

    private static Response problem(int status, String title, String detail) {
        return HttpProblem.builder().withStatus(status).withTitle(title).withDetail(detail).build().toResponse();
    }
}
