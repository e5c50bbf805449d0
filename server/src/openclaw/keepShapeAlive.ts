/**
 * Keeps the latest instance of a short-lived class reachable, on purpose.
 *
 * The engine makes these objects for one load or one agent and drops them. When none is alive at a
 * full GC, V8 collects their hidden class and discards the optimised code of every function built
 * against it ("weak objects" deoptimisation), so the next load runs unoptimised and costs about
 * twice as much: the language server's first reload after an idle pause, or a bench run after a
 * major GC (bench/README.md, "after a full GC"). One live instance per class keeps the hidden class,
 * and the code with it. The cost is one instance per class and what it references.
 */
const latest = new Map<unknown, object>();

export function keepShapeAlive(instance: object): void {
  latest.set(instance.constructor, instance);
}
