package com.proign.shopify.gateway.rest;

import java.time.Duration;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.proign.shopify.gateway.WebhookDelivery;
import com.proign.shopify.gateway.client.ShopSecrets;
import com.proign.shopify.gateway.config.GatewayConfig;
import com.proign.shopify.gateway.service.DeliveryOutcomes;
import com.proign.shopify.gateway.service.ShopResolver;
import com.proign.shopify.gateway.service.TopicRouter;
import com.proign.shopify.gateway.service.WebhookPublisher;
import com.proign.shopify.gateway.service.WebhookVerifier;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * The one address Shopify delivers every store's webhooks to. Answers 200 only once Kafka has the delivery;
 * 400 for a delivery missing Shopify's headers or body or with headers no Shopify delivery has (a webhook id over
 * 128 characters, a topic over 64), 401 for an unknown store or a bad signature, 503 when
 * a dependency cannot answer in time, so that Shopify retries.
 */
@Path("/webhooks/shopify")
public class WebhookResource {

    private final ShopResolver shops;
    private final WebhookVerifier verifier;
    private final TopicRouter router;
    private final WebhookPublisher publisher;
    private final DeliveryOutcomes outcomes;
    private final GatewayConfig config;

    public WebhookResource(ShopResolver shops, WebhookVerifier verifier, TopicRouter router,
            WebhookPublisher publisher, DeliveryOutcomes outcomes, GatewayConfig config) {
        this.shops = shops;
        this.verifier = verifier;
        this.router = router;
        this.publisher = publisher;
        this.outcomes = outcomes;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "A Shopify webhook delivery (https://shopify.dev/docs/apps/build/webhooks/subscribe/https)")
    @Parameter(name = "X-Shopify-Hmac-Sha256", in = ParameterIn.HEADER, required = true,
            schema = @Schema(type = SchemaType.STRING), description = "Base64 HMAC-SHA256 of the body with the app's secret")
    @Parameter(name = "X-Shopify-Topic", in = ParameterIn.HEADER, required = true,
            schema = @Schema(type = SchemaType.STRING), description = "orders/create, ...")
    @Parameter(name = "X-Shopify-Shop-Domain", in = ParameterIn.HEADER, required = true,
            schema = @Schema(type = SchemaType.STRING), description = "the store")
    @Parameter(name = "X-Shopify-Webhook-Id", in = ParameterIn.HEADER, required = true,
            schema = @Schema(type = SchemaType.STRING), description = "the delivery's id")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.WILDCARD,
            schema = @Schema(type = SchemaType.OBJECT, description = "the topic's payload, as Shopify sends it")))
    @APIResponse(responseCode = "200", description = "Verified and handed to Kafka (or a topic the suite does not use)")
    @APIResponse(responseCode = "400", description = "Shopify's headers or the body missing or malformed")
    @APIResponse(responseCode = "401", description = "An unknown store or a signature that does not match the body")
    @APIResponse(responseCode = "413", description = "A body larger than the gateway takes")
    @APIResponse(responseCode = "503", description = "The store lookup or Kafka did not answer in time; Shopify retries")
    public Uni<Response> receive(byte[] body, HttpHeaders headers, HttpServerRequest request) {
        WebhookDelivery delivery = WebhookDelivery.of(headers::getHeaderString, body);
        String remote = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        List<String> missing = delivery.missingHeaders();
        if (!missing.isEmpty()) {
            return reject(delivery, remote, "missing_headers", 400, "Missing Shopify headers",
                    "the delivery lacks " + String.join(", ", missing));
        }
        List<String> invalid = delivery.invalidHeaders();
        if (!invalid.isEmpty()) {
            return reject(delivery, remote, "invalid_headers", 400, "Invalid Shopify headers", String.join("; ", invalid));
        }
        if (body != null && body.length > config.maxBodyBytes()) {
            // a chunked body (no Content-Length for BodySizeLimit to refuse early)
            return reject(delivery, remote, "too_large", 413, "Payload too large",
                    "deliveries above " + config.maxBodyBytes() + " bytes are refused");
        }
        if (body == null || body.length == 0) {
            return reject(delivery, remote, "empty_body", 400, "Empty body", "a webhook delivery carries a JSON body");
        }
        return shops.resolve(delivery.shopDomain()).onItemOrFailure().transformToUni((shop, failure) -> {
            if (failure != null) {
                outcomes.unavailable(delivery, "integration_service", failure);
                return Uni.createFrom().item(problem(503, "Store lookup unavailable",
                        "the delivery was not accepted; Shopify will retry it"));
            }
            outcomes.ended("integration_service");
            // a store whose connection ended still sends what Shopify owes after it: the privacy topics, app/uninstalled
            return shop.isEmpty() || shop.get().privacyOnly() && !TopicRouter.afterTheConnectionEnded(delivery.topic())
                    ? reject(delivery, remote, "unknown_store", 401, "Unknown store",
                            "no tenant has " + delivery.shopDomain() + " connected")
                    : verifyAndPublish(delivery, shop.get(), remote);
        });
    }

    private Uni<Response> verifyAndPublish(WebhookDelivery delivery, ShopSecrets shop, String remote) {
        if (!verifier.verify(delivery.body(), delivery.hmac(), shop.secrets())) {
            return reject(delivery, remote, "bad_signature", 401, "Invalid signature",
                    "X-Shopify-Hmac-Sha256 does not match the body");
        }
        // the request's log lines name the tenant (MDC, in the request's Vert.x context; JSON logs write it)
        org.jboss.logging.MDC.put("tenant", shop.tenant());
        var route = router.route(delivery.topic(), shop.tenant(), delivery.body());
        if (route.isEmpty()) {
            outcomes.ignored(delivery);
            return Uni.createFrom().item(Response.ok().build());
        }
        long started = System.nanoTime();
        return publisher.publish(delivery, shop.tenant(), route.get())
                .ifNoItem().after(config.publishTimeout()).fail()
                .map(ignored -> {
                    outcomes.published(delivery, route.get().kafkaTopic(), Duration.ofNanos(System.nanoTime() - started));
                    return Response.ok().build();
                })
                .onFailure().recoverWithItem(failure -> {
                    outcomes.unavailable(delivery, "kafka", failure);
                    return problem(503, "Event bus unavailable", "the delivery was not accepted; Shopify will retry it");
                });
    }

    private Uni<Response> reject(WebhookDelivery delivery, String remote, String reason, int status,
            String title, String detail) {
        outcomes.rejected(delivery, remote, reason);
        return Uni.createFrom().item(problem(status, title, detail));
    }

    /**
     * The answer itself, not a thrown problem: each refusal is logged once, by DeliveryOutcomes (a security line, or
     * the outage summary), not again with a stack trace by the problem library's mapper.
     */
    private static Response problem(int status, String title, String detail) {
        return HttpProblem.builder().withStatus(status).withTitle(title).withDetail(detail)
                .withInstance(java.net.URI.create("/webhooks/shopify")).build().toResponse();
    }
}
