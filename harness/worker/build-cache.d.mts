/** The types of build-cache.mjs: the harness's JavaScript build, found or made. */

/** currentBuild returns the folder of the current build of the checkout at `root`, building it first if need be. */
export function currentBuild(root: string): string;

/** launch returns the URL of the build of the command `source` (its .ts file), or undefined when the build has none. */
export function launch(root: string, source: string): string | undefined;

/** sourceModuleUrl is the URL to import a TypeScript file of the checkout by: its build when this process runs from one and has it, else the file (through tsx when run from a build). */
export function sourceModuleUrl(file: string): Promise<string>;
