/**
 * What the service checks before it starts and how it says that a setting is wrong: the database
 * settings are checked before anything connects, and Spring Boot failure analyzers turn a start
 * that failed on a setting into its short report naming the environment variable and what to do.
 */
package org.stockledger.startup;
