/**
 * Records of the first response to each mutating request sent with an {@code Idempotency-Key},
 * so a retry replays it instead of applying the change again (invariant 4 of the design).
 */
package org.stockledger.idempotency;
