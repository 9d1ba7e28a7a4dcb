/**
 * Internal clients bundled on their own as build/testing.mjs, so their unit tests can
 * drive them with injected clocks and I/O. No part of the package's exports: users
 * reach these through the public surface (src/index.ts) only.
 */
export { ClientSweepQueue, SWEEP_QUEUE_NAME } from "./client/sweep/ClientSweepQueue";
