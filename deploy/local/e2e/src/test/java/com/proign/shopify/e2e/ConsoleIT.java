package com.proign.shopify.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.proign.shopify.testinfra.LocalInfra;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The help page's journey in a real browser (Debian's Chromium through its chromium-driver, headless), through the
 * local ingress, by clicks and typing: a new store of the stand-in connected with an admin-made app's token (typed as
 * the short store name), Test Connection showing the scope the app lacks, Save; the fulfillment location chosen; an
 * order placed in the store appearing in the queue without a reload; picked, packed and shipped with tracking, and
 * the store's order fulfilled with it; a manual sync whose progress bar reaches 100 %; the logs filtered;
 * disconnect. Each page's screenshot is written to docs/console/.
 */
@ExtendWith(LocalSuite.class)
class ConsoleIT {

    private static final String TENANT = "console";
    private static final String SHOP = "console-e2e.myshopify.com";

    private static WebDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,900",
                "--disable-gpu");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theHelpPagesJourney() throws IOException {
        String shopify = LocalSuite.env("SHOPIFY_URL");
        // the merchant's store: its app lacks the inventory scopes
        JsonPath store = given().baseUri(shopify).contentType(ContentType.JSON)
                .body(Map.of("domain", SHOP, "scopes", List.of("read_orders", "read_all_orders", "read_products",
                        "read_locations", "read_merchant_managed_fulfillment_orders",
                        "write_merchant_managed_fulfillment_orders")))
                .post("/_sim/stores").then().statusCode(201).extract().jsonPath();
        given().baseUri(shopify).contentType(ContentType.JSON).body(Map.of("name", "Console Dock"))
                .post("/_sim/stores/" + SHOP + "/locations").then().statusCode(201);

        // signed in by the address run.sh prints: the token in the fragment
        browser.get(LocalSuite.env("URL") + "/console/#token=" + LocalSuite.token(TENANT, "owner"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("connect")));
        assertTrue(!browser.getCurrentUrl().contains("token="), "the token stayed in the address");

        // Connect Shopify → store URL → the token → Test Connection
        type(By.id("shop_domain"), "console-e2e");
        click(By.id("kind-admin"));
        type(By.id("access_token"), store.getString("access_token"));
        type(By.id("api_secret_key"), store.getString("webhook_secret"));
        click(By.id("test"));
        WebElement result = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("test-result")));
        assertTrue(result.getText().startsWith("Connected to"), result.getText());
        String inventoryScope = browser.findElement(By.cssSelector("#report-scopes tr[data-scope='write_inventory']")).getText();
        assertTrue(inventoryScope.contains("missing"), inventoryScope);
        assertTrue(browser.findElement(By.id("will-register")).getText().contains("ORDERS_CREATE"));
        screenshot("integrations-test-connection");

        // → Save
        click(By.id("save"));
        wait.until(ExpectedConditions.textToBe(By.id("shop-domain"), SHOP));
        String inventory = browser.findElement(By.cssSelector("#features tr[data-feature='inventory']")).getText();
        assertTrue(inventory.contains("off: missing read_inventory, write_inventory"), inventory);
        screenshot("integrations-connected");

        // sync settings: the store's location
        browser.get(LocalSuite.env("URL") + "/console/#/settings");
        Select location = new Select(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("fulfillment_location_id"))));
        location.selectByVisibleText("Console Dock");
        new Select(browser.findElement(By.id("order_status_filter"))).selectByValue("any");
        click(By.id("save-settings"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("settings-result"), "shipping from Console Dock"));
        screenshot("sync-settings");

        // the queue: an order placed in the store appears without a reload
        browser.get(LocalSuite.env("URL") + "/console/#/queue");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("queue")));
        long order = given().baseUri(shopify).contentType(ContentType.JSON).body(Map.of("financial_status", "paid", "shippable", true))
                .post("/_sim/stores/" + SHOP + "/orders").then().statusCode(201).extract().jsonPath().getLong("id");
        By row = By.cssSelector("tr[data-shopify-order='" + order + "'] a");
        new WebDriverWait(browser, Duration.ofSeconds(120)).until(ExpectedConditions.elementToBeClickable(row));
        screenshot("fulfillment-queue");

        // pick, pack, ship with tracking; the shipment reaches Shopify
        click(row);
        click(By.id("action-pick"));
        click(By.id("action-pack"));
        type(By.id("carrier"), "UPS");
        type(By.id("tracking_number"), "1Z999AA10123456784");
        click(By.id("action-ship"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-sync='synced']")));
        screenshot("order-shipped");
        JsonPath fulfillments = given().baseUri(shopify).get("/_sim/stores/" + SHOP + "/orders/" + order + "/fulfillments")
                .then().statusCode(200).extract().jsonPath();
        assertEquals("1Z999AA10123456784", fulfillments.getString("fulfillments[0].tracking_number"));

        // a manual sync with the help page's values; its bar reaches 100 %
        browser.get(LocalSuite.env("URL") + "/console/#/sync");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("start-sync")));
        new Select(browser.findElement(By.id("sync_status"))).selectByValue("unfulfilled");
        click(By.id("start-sync"));
        String job = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("started"))).getAttribute("data-job");
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector("#jobs tr[data-job='" + job + "'] [role=progressbar]"),
                "aria-valuenow", "100"));
        // the day's imports: the order placed above came by webhook
        String chart = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#imports .chart"))).getAttribute("aria-label");
        assertTrue(chart.matches("order events in the last 24 hours: [1-9][0-9]* from webhooks, [0-9]+ from pulls"), chart);
        screenshot("sync-status");

        // the logs, filtered to the fulfillments
        browser.get(LocalSuite.env("URL") + "/console/#/logs");
        new Select(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("log-kind")))).selectByValue("fulfillment");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("logs"), "fulfilled in Shopify with tracking 1Z999AA10123456784"));
        screenshot("sync-logs");

        // disconnect, confirmed, saying what stays
        browser.get(LocalSuite.env("URL") + "/console/#/integrations");
        click(By.id("disconnect"));
        Alert confirm = wait.until(ExpectedConditions.alertIsPresent());
        assertTrue(confirm.getText().contains("orders already in the queue"), confirm.getText());
        confirm.accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("view"), "was disconnected"));
        assertTrue(browser.findElements(By.id("connect")).size() == 1);

        // connected again, with the other kind of credentials: a Dev Dashboard app's client id and secret, the store
        // given as its admin's address
        type(By.id("shop_domain"), "https://" + SHOP + "/admin");
        click(By.id("kind-dashboard"));
        type(By.id("client_id"), store.getString("client_id"));
        type(By.id("client_secret"), store.getString("client_secret"));
        click(By.id("save"));
        wait.until(ExpectedConditions.textToBe(By.id("shop-domain"), SHOP));
        assertTrue(browser.findElement(By.id("connected")).getText().contains("Dev Dashboard app (client id "
                + store.getString("client_id") + ")"));
        List<?> errors = (List<?>) ((JavascriptExecutor) browser).executeScript("return window.__consoleErrors || []");
        assertTrue(errors.isEmpty(), "errors in the page: " + errors);
    }

    /**
     * The warehouse as the store's fulfillment service, chosen on the settings page with the rules left to the
     * warehouse; the merchant's requests answered in the queue: one rejected with a reason from the picker, one
     * accepted, then its cancellation request accepted.
     */
    @Test
    void theFulfillmentServicesRequestsAnsweredInTheConsole() throws IOException {
        String shopify = LocalSuite.env("SHOPIFY_URL");
        String tenant = "console3pl";
        String shop = "console3pl-e2e.myshopify.com";
        String owner = LocalSuite.token(tenant, "owner");
        JsonPath store = given().baseUri(shopify).contentType(ContentType.JSON).body(Map.of("domain", shop))
                .post("/_sim/stores").then().statusCode(201).extract().jsonPath();
        given().baseUri(LocalSuite.env("INTEGRATION_URL")).auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("shop_domain", shop, "access_token", store.getString("access_token"),
                        "api_secret_key", store.getString("webhook_secret")))
                .post("/api/" + tenant + "/integrations/shopify").then().statusCode(200);

        browser.get(LocalSuite.env("URL") + "/console/#token=" + owner);
        wait.until(ExpectedConditions.textToBe(By.id("shop-domain"), shop));
        browser.get(LocalSuite.env("URL") + "/console/#/settings");
        Select mode = new Select(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("fulfillment_mode"))));
        assertTrue(!browser.findElement(By.id("fulfillment-service-settings")).isDisplayed(), "the service's settings shown for merchant_managed");
        mode.selectByValue("fulfillment_service");
        type(By.id("fulfillment_service_name"), "Console 3PL");
        new Select(browser.findElement(By.id("fulfillment_request_rule"))).selectByValue("manual");
        new Select(browser.findElement(By.id("cancellation_request_rule"))).selectByValue("manual");
        new Select(browser.findElement(By.id("order_status_filter"))).selectByValue("any");
        click(By.id("save-settings"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("settings-result"),
                "the warehouse is the store's fulfillment service Console 3PL"));
        screenshot("sync-settings-fulfillment-service");
        long location = given().baseUri(LocalSuite.env("INTEGRATION_URL")).auth().oauth2(owner)
                .get("/api/" + tenant + "/integrations/shopify/settings").then().statusCode(200)
                .body("fulfillment_request_rule", equalTo("manual")).extract().jsonPath().getLong("fulfillment_service_location_id");
        given().baseUri(shopify).contentType(ContentType.JSON).body(Map.of("location_id", location, "request_fulfillment", true))
                .put("/_sim/stores/" + shop + "/routing").then().statusCode(200);

        // a request the warehouse rejects: the reason picked, a message; the merchant sees both in Shopify
        long rejected = given().baseUri(shopify).contentType(ContentType.JSON).body(Map.of("financial_status", "paid", "shippable", true))
                .post("/_sim/stores/" + shop + "/orders").then().statusCode(201).extract().jsonPath().getLong("id");
        openOrder(tenant, owner, rejected);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("order-status"), "requested"));
        new Select(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("request-reason")))).selectByValue("INVALID_SKU");
        type(By.id("request-message"), "We do not carry this item");
        screenshot("order-fulfillment-request");
        click(By.id("action-reject-request"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("request-note"),
                "Fulfillment request rejected: invalid sku: We do not carry this item"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("order-status"), "rejected"));
        assertEquals("INVALID_SKU", given().baseUri(shopify).header("X-Shopify-Access-Token", store.getString("access_token"))
                .contentType(ContentType.JSON).body(Map.of("query", "{ order(id: \"gid://shopify/Order/" + rejected + "\") { "
                        + "fulfillmentOrders(first: 1) { nodes { merchantRequests(last: 1) { nodes { responseData } } } } } }"))
                .post("/admin/api/2026-10/graphql.json").then().statusCode(200).extract().jsonPath()
                .getString("data.order.fulfillmentOrders.nodes[0].merchantRequests.nodes[0].responseData.reason"));

        // one accepted, then the merchant asks to cancel it and the warehouse accepts that too
        long accepted = given().baseUri(shopify).contentType(ContentType.JSON).body(Map.of("financial_status", "paid", "shippable", true))
                .post("/_sim/stores/" + shop + "/orders").then().statusCode(201).extract().jsonPath().getLong("id");
        openOrder(tenant, owner, accepted);
        type(By.id("request-message"), "On its way tomorrow");
        click(By.id("action-accept-request"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("order-status"), "pending"));
        given().baseUri(shopify).contentType(ContentType.JSON).body(Map.of("message", "customer changed their mind"))
                .post("/_sim/stores/" + shop + "/orders/" + accepted + "/request-cancellation").then().statusCode(200);
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> {
            if (!d.findElements(By.id("action-accept-cancellation")).isEmpty()) {
                return true;
            }
            d.navigate().refresh();
            return false;
        });
        assertTrue(browser.findElement(By.id("request-note")).getText().contains("Cancellation requested by the merchant: "
                + "customer changed their mind"), browser.findElement(By.id("request-note")).getText());
        click(By.id("action-accept-cancellation"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("order-status"), "cancelled"));
        List<?> errors = (List<?>) ((JavascriptExecutor) browser).executeScript("return window.__consoleErrors || []");
        assertTrue(errors.isEmpty(), "errors in the page: " + errors);
    }

    /** Opens the order once the queue has it (it re-renders until Shopify's answer is in). */
    private static void openOrder(String tenant, String token, long shopifyId) {
        String id = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> JsonPath.from(
                given().baseUri(LocalSuite.env("ORDERS_URL")).auth().oauth2(token).queryParam("shopify_order_id", shopifyId)
                        .get("/api/" + tenant + "/orders").asString()), page -> "requested".equals(page.getString("orders[0].status"))
                        && "submitted".equals(page.getString("orders[0].fulfillment_request"))).getString("orders[0].id");
        browser.get(LocalSuite.env("URL") + "/console/#/queue/" + id);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("action-accept-request")));
    }

    /** A read-only member sees what the others see, and no button the APIs would refuse them. */
    @Test
    void aReadOnlyMemberSeesEverythingAndNoButtons() {
        browser.get(LocalSuite.env("URL") + "/console/#token=" + LocalSuite.token("demo", "member"));
        wait.until(ExpectedConditions.textToBe(By.id("shop-domain"), LocalSuite.env("SHOP_DOMAIN")));
        assertTrue(browser.findElements(By.id("disconnect")).isEmpty() && browser.findElements(By.id("test-saved")).isEmpty());
        browser.get(LocalSuite.env("URL") + "/console/#/sync");
        assertTrue(!wait.until(ExpectedConditions.presenceOfElementLocated(By.id("start-sync"))).isEnabled());
        browser.get(LocalSuite.env("URL") + "/console/#/queue");
        click(By.cssSelector("#queue tr[data-order] a"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("items")));
        assertTrue(browser.findElements(By.id("actions")).isEmpty(), "a member is shown the warehouse's moves");
        browser.get(LocalSuite.env("URL") + "/console/#/settings");
        assertTrue(!wait.until(ExpectedConditions.presenceOfElementLocated(By.id("save-settings"))).isEnabled());
    }

    /** The platform's operator sees each service's dead letters and replays one. */
    @Test
    void theOperatorsProblems() throws Exception {
        // signed by the store, but no order: accepted, and dead-lettered by order-service with its reason
        byte[] body = "{\"id\": \"not an order\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        given().baseUri(LocalSuite.env("URL")).contentType("application/json").body(body)
                .header("X-Shopify-Topic", "orders/create").header("X-Shopify-Shop-Domain", LocalSuite.env("SHOP_DOMAIN"))
                .header("X-Shopify-API-Version", "2026-10").header("X-Shopify-Webhook-Id", java.util.UUID.randomUUID().toString())
                .header("X-Shopify-Hmac-Sha256", com.proign.shopify.testinfra.ShopifySamples.sign(body, LocalSuite.env("WEBHOOK_SECRET")))
                .post("/webhooks/shopify").then().statusCode(200);
        String operator = new com.proign.shopify.e2e.security.RunTokens(LocalSuite.runDir()).operator();
        browser.get(LocalSuite.env("URL") + "/console/#token=" + operator);
        By orders = By.cssSelector("section[data-service='/ops/orders/dead-letters'] tr[data-dead-letter]");
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> {
            if (!d.findElements(orders).isEmpty()) {
                return true;
            }
            d.navigate().refresh();
            return false;
        });
        // one section per service, each rendered as its service answers
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("section[data-service]"), 3));
        assertTrue(browser.findElement(By.cssSelector("nav a[data-page='problems']")).isDisplayed());
        assertTrue(!browser.findElement(By.cssSelector("nav a[data-page='queue']")).isDisplayed(), "the operator has no tenant's queue");
        screenshot("problems");
        WebElement row = browser.findElements(orders).get(0);
        row.findElement(By.tagName("button")).click();
        // dead-letter ids are each service's own: the row is looked for in order-service's section only
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(
                "section[data-service='/ops/orders/dead-letters'] tr[data-dead-letter='" + row.getAttribute("data-dead-letter")
                        + "'] button")));
        List<?> errors = (List<?>) ((JavascriptExecutor) browser).executeScript("return window.__consoleErrors || []");
        assertTrue(errors.isEmpty(), "errors in the page: " + errors);
    }

    /** Shopify's text (a customer's name, an item's title) with markup in it is shown as the text it is. */
    @Test
    void shopifysTextIsShownAsText() throws Exception {
        String script = "<script>window.__xss = 1</script>";
        String img = "\"><img src=x onerror=\"window.__xss = 2\">";
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        var order = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(
                com.proign.shopify.testinfra.ShopifySamples.bytes(com.proign.shopify.testinfra.ShopifySamples.ORDER));
        long id = 4_000_000_000_000L + System.nanoTime() % 1_000_000_000L;
        order.put("id", id).put("note", img);
        ((com.fasterxml.jackson.databind.node.ObjectNode) order.get("shipping_address")).put("name", script);
        ((com.fasterxml.jackson.databind.node.ObjectNode) order.get("line_items").get(0)).put("title", img);
        byte[] body = json.writeValueAsBytes(order);
        given().baseUri(LocalSuite.env("URL")).contentType("application/json").body(body)
                .header("X-Shopify-Topic", "orders/create").header("X-Shopify-Shop-Domain", LocalSuite.env("SHOP_DOMAIN"))
                .header("X-Shopify-API-Version", "2026-10").header("X-Shopify-Webhook-Id", java.util.UUID.randomUUID().toString())
                .header("X-Shopify-Hmac-Sha256", com.proign.shopify.testinfra.ShopifySamples.sign(body, LocalSuite.env("WEBHOOK_SECRET")))
                .post("/webhooks/shopify").then().statusCode(200);
        String token = LocalSuite.env("TOKEN");
        String queued = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> given()
                .baseUri(LocalSuite.env("URL")).auth().oauth2(token).queryParam("shopify_order_id", id).get("/api/demo/orders")
                .then().statusCode(200).extract().jsonPath().getString("orders[0].id"), java.util.Objects::nonNull);

        browser.get(LocalSuite.env("URL") + "/console/#token=" + token);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("view")));
        browser.get(LocalSuite.env("URL") + "/console/#/queue/" + queued);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("address"), script));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("items"), img));
        assertTrue(browser.findElements(By.cssSelector("#view img, #view script")).isEmpty(), "markup from Shopify was parsed");
        assertNull(((JavascriptExecutor) browser).executeScript("return window.__xss"));
        List<?> errors = (List<?>) ((JavascriptExecutor) browser).executeScript("return window.__consoleErrors || []");
        assertTrue(errors.isEmpty(), "errors in the page: " + errors);
    }

    @Test
    void anOrderChangedAfterPickingIsShownAndAcknowledged() throws IOException {
        String token = LocalSuite.env("TOKEN");
        String shopify = LocalSuite.env("SHOPIFY_URL");
        String shop = "/_sim/stores/" + LocalSuite.env("SHOP_DOMAIN");
        long order = given().baseUri(shopify).contentType(ContentType.JSON).body(Map.of("financial_status", "paid", "shippable", true))
                .post(shop + "/orders").then().statusCode(201).extract().jsonPath().getLong("id");
        String queued = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> given()
                .baseUri(LocalSuite.env("URL")).auth().oauth2(token).queryParam("shopify_order_id", order).get("/api/demo/orders")
                .then().statusCode(200).extract().jsonPath().getString("orders[0].id"), java.util.Objects::nonNull);
        given().baseUri(LocalSuite.env("URL")).auth().oauth2(token).post("/api/demo/orders/" + queued + "/pick").then().statusCode(200);
        // the merchant adds a line in the store's admin
        given().baseUri(shopify).contentType(ContentType.JSON)
                .body(Map.of("add", List.of(Map.of("title", "Gift wrap", "sku", "WRAP-1", "quantity", 1, "price", "3.00"))))
                .post(shop + "/orders/" + order + "/edit").then().statusCode(200);

        browser.get(LocalSuite.env("URL") + "/console/#token=" + token);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("view")));
        browser.get(LocalSuite.env("URL") + "/console/#/queue/" + queued);
        // the page fetches after it loads: look first, and reload only when the change is not shown yet
        new WebDriverWait(browser, Duration.ofSeconds(60)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> {
                    List<WebElement> changed = d.findElements(By.id("order-changed"));
                    if (!changed.isEmpty() && changed.get(0).getText().contains("WRAP-1 Gift wrap: added, 1")) {
                        return true;
                    }
                    d.navigate().refresh();
                    return false;
                });
        assertTrue(browser.findElement(By.id("items")).getText().indexOf("WRAP-1") < 0, "the pick list stays as it was");
        screenshot("order-changed-after-picking");
        click(By.id("action-acknowledge"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("items"), "WRAP-1"));
        assertTrue(browser.findElements(By.id("order-changed")).isEmpty());
    }

    /** The owner sees a customer's data request as an export, and what the privacy requests did. */
    @Test
    void theOwnerSeesACustomersDataExport() throws IOException {
        String token = LocalSuite.env("TOKEN");
        String shopify = LocalSuite.env("SHOPIFY_URL");
        String shop = "/_sim/stores/" + LocalSuite.env("SHOP_DOMAIN");
        String email = "console." + System.nanoTime() + "@example.com";
        long order = given().baseUri(shopify).contentType(ContentType.JSON).body(Map.of("financial_status", "paid",
                "shippable", true, "customer", Map.of("email", email, "first_name", "Ines", "last_name", "Consolewright")))
                .post(shop + "/orders").then().statusCode(201).extract().jsonPath().getLong("id");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> given()
                .baseUri(LocalSuite.env("URL")).auth().oauth2(token).queryParam("shopify_order_id", order).get("/api/demo/orders")
                .then().statusCode(200).extract().jsonPath().getString("orders[0].id"), java.util.Objects::nonNull);
        given().baseUri(shopify).contentType(ContentType.JSON).body(Map.of("email", email))
                .post(shop + "/customers/data_request").then().statusCode(202);

        // the export is made as the request arrives: this customer's, once it is there
        String export = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (String id : given().baseUri(LocalSuite.env("URL")).auth().oauth2(token).get("/api/demo/privacy/data-requests")
                    .then().statusCode(200).extract().jsonPath().getList("exports.id", String.class)) {
                if (given().baseUri(LocalSuite.env("URL")).auth().oauth2(token).get("/api/demo/privacy/data-requests/" + id)
                        .asString().contains("Consolewright")) {
                    return id;
                }
            }
            return null;
        }, java.util.Objects::nonNull);

        browser.get(LocalSuite.env("URL") + "/console/#token=" + token);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("view")));
        browser.get(LocalSuite.env("URL") + "/console/#/privacy");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("privacy-requests"), "customers/data_request"));
        click(By.cssSelector("#exports tr[data-export='" + export + "'] button"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("export"), "Consolewright"));
        assertTrue(browser.findElement(By.id("export-file")).getAttribute("href").startsWith("blob:"));
        screenshot("customer-privacy");
        List<?> errors = (List<?>) ((JavascriptExecutor) browser).executeScript("return window.__consoleErrors || []");
        assertTrue(errors.isEmpty(), "errors in the page: " + errors);
    }

    private static void type(By field, String text) {
        WebElement input = wait.until(ExpectedConditions.elementToBeClickable(field));
        input.clear();
        input.sendKeys(text);
    }

    /** Clicks what is there when it can be clicked (the pages re-render as they refresh: found again each try). */
    private static void click(By target) {
        wait.until(ExpectedConditions.elementToBeClickable(target));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            d.findElement(target).click();
            return true;
        });
    }

    /** The page as it is now, to docs/console/NAME.png (the README shows them). */
    private static void screenshot(String name) throws IOException {
        Path file = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Path docs = LocalInfra.suiteRoot().resolve("docs/console");
        Files.createDirectories(docs);
        Path target = docs.resolve(name + ".png");
        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    }
}
