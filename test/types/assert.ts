/**
 * Compile-time contract checks: `tsc` (part of `npm test`) fails when a response schema's static
 * type and the matching misskey-js type stop fitting each other in both directions, i.e. a field
 * missing, extra, optional where it must be required, or of another type.
 */
export type MutuallyAssignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** Usage: `assertType<MutuallyAssignable<Static<typeof Schema>, entities.Thing>>();` */
export function assertType<T extends true>(): T | void {}
