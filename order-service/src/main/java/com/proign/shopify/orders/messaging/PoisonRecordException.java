package com.proign.shopify.orders.messaging;

import com.proign.shopify.orders.mapping.InvalidOrderPayloadException;

/** A record no retry can make usable; it goes to the dead-letter topic with this message as the reason. */
public class PoisonRecordException extends RuntimeException {

    public PoisonRecordException(String message) {
        super(message);
    }

    /** Whether a record that failed so can never be applied: unreadable, or refused by the database. */
    public static boolean cannotBeApplied(Throwable failure) {
        return failure instanceof PoisonRecordException || failure instanceof InvalidOrderPayloadException
                || Outages.refusedByDatabase(failure);
    }
}
