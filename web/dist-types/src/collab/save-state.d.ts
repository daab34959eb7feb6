/**
 * "Saved" (SPEC: Saved acknowledgement; PITFALLS: "Is my edit saved?"). The server tells
 * `?ack=1` clients which state vector is durably on disk (message 100). Everything the
 * server relays to us is on disk too, because it commits before relaying (SPEC:
 * Guarantees), so updates received from the server count as durable without waiting for
 * the next ack. The document is saved when every client clock we hold is covered.
 */
export type StateVector = Map<number, number>;
/** Returns a new vector holding, per client, the larger clock of the two. */
export declare function mergeStateVectors(a: StateVector, b: StateVector): StateVector;
/** True when every clock in `local` is at or below the same client's clock in `durable`. */
export declare function isCoveredBy(local: StateVector, durable: StateVector): boolean;
