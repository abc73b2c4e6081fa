/**
 * Real local servers for integration tests and for the local runtime (infra/local).
 *
 * <ul>
 *   <li>{@link io.awoooi.testing.LocalDynamo}: dynalite (DynamoDB API) in a node process, in
 *       memory or on disk, stoppable to play an outage;
 *   <li>{@link io.awoooi.testing.LocalSqs}: embedded ElasticMQ (SQS API);
 *   <li>{@link io.awoooi.testing.SamTemplate}: infra/sam/template.yaml read with its short tags,
 *       Globals merge and intrinsic-function evaluation;
 *   <li>{@link io.awoooi.testing.Provisioner} / {@link io.awoooi.testing.LocalResources}: the
 *       template's tables and queues created on those servers, and their local names;
 *   <li>{@link io.awoooi.testing.LocalAws}: all of it in one call, for tests.
 * </ul>
 *
 * <p>Tables and queues always come from the template: there is no second definition to drift.
 */
package io.awoooi.testing;
