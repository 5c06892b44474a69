/** web/dist, where the built client goes. */
export declare const distDir: string;
/** The hash of everything the web client's build depends on. */
export declare function sourceHash(): string;
/** Builds web/dist unless it was built from the current sources (or `force`); resolves to whether it built. */
export declare function ensureWebBuild(options?: { force?: boolean; log?: (message: string) => void }): Promise<boolean>;
