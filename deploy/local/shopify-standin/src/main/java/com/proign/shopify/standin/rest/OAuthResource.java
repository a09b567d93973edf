package com.proign.shopify.standin.rest;

import java.time.Instant;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import com.proign.shopify.standin.store.AccessToken;
import com.proign.shopify.standin.store.Store;
import com.proign.shopify.standin.store.StoreRegistry;

/**
 * The client-credentials grant of Dev Dashboard apps (https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/client-credentials-grant): client id and secret for a token carrying the
 * app's scopes, expiring after the store's configured lifetime (about 24 h by default).
 */
@Path("/admin/oauth/access_token")
@Produces(MediaType.APPLICATION_JSON)
public class OAuthResource {

    private final StoreRegistry stores;

    public OAuthResource(StoreRegistry stores) {
        this.stores = stores;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response form(MultivaluedMap<String, String> form) {
        return grant(form.getFirst("client_id"), form.getFirst("client_secret"), form.getFirst("grant_type"));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response json(Map<String, String> body) {
        return grant(body.get("client_id"), body.get("client_secret"), body.get("grant_type"));
    }

    private Response grant(String clientId, String clientSecret, String grantType) {
        if (!"client_credentials".equals(grantType)) {
            return Response.status(400).entity(Map.of("error", "unsupported_grant_type",
                    "error_description", "grant_type must be client_credentials")).build();
        }
        Store store = clientId == null ? null : stores.byClientId(clientId).orElse(null);
        if (store == null || !store.installed() || !java.security.MessageDigest.isEqual(
                store.clientSecret().getBytes(), String.valueOf(clientSecret).getBytes())) {
            return Response.status(400).entity(Map.of("error", "invalid_client",
                    "error_description", "Client authentication failed")).build();
        }
        long seconds = store.tokenLifetime().toSeconds();
        AccessToken token = stores.issueToken(store, "shpca_", store.appScopes(), Instant.now().plusSeconds(seconds));
        return Response.ok(Map.of(
                "access_token", token.value(),
                "scope", String.join(",", token.scopes().stream().sorted().toList()),
                "expires_in", seconds)).build();
    }
}
