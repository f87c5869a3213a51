/**
 * The connectors (HTTP JSON feed, CSV upload), the CSV parser and the repositories of connector
 * settings, sync jobs and the counts the last successful sync saw.
 */
package org.stockledger.sync.internal;
