/**
 * Point-of-sale sync: a location's POS counts, fetched through a {@link org.stockledger.sync.PosConnector}
 * (an HTTP JSON feed, a CSV upload, one class more for a vendor API), reconciled into the ledger
 * as count movements by asynchronous jobs that apply all of a sync or nothing.
 */
package org.stockledger.sync;
