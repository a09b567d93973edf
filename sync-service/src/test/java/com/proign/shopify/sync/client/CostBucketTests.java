package com.proign.shopify.sync.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The store's bucket as this service accounts for it, several requests at once (two jobs on one store). */
class CostBucketTests {

    static final long SECOND = 1_000_000_000L;

    @Test
    void anAccountThatMissesARequestStillOnItsWayKeepsThatRequestsPoints() {
        CostBucket bucket = new CostBucket();
        bucket.reserve(100, 0);
        bucket.observe(1000, 100, 1000, 0, 100); // known: full, 100 points per second
        // two requests of 968 sent one after the other: the second waits for the refill the first needs
        assertEquals(0, bucket.reserve(968, 0));
        long wait = bucket.reserve(968, 0);
        assertTrue(wait >= 9_300 && wait <= 9_400, "waits ~9.36 s, not " + wait);
        // the first one's answer says 32 left, counted before the second reached Shopify: the second's points
        // are still reserved, so a third request waits for both
        bucket.observe(32, 100, 1000, 0, 968);
        long third = bucket.reserve(968, 0);
        assertTrue(third >= 19_000, "the third waits for the second's points too, not only " + third);
    }

    @Test
    void aRequestWithoutAnAccountGivesItsPointsBack() {
        CostBucket bucket = new CostBucket();
        bucket.reserve(10, 0);
        bucket.observe(1000, 100, 1000, 0, 10);
        bucket.reserve(900, 0);
        bucket.release(900); // it failed before Shopify counted it
        bucket.observe(1000, 100, 1000, SECOND, 0);
        assertEquals(0, bucket.reserve(990, SECOND));
    }
}
