/**
 * The kata's modules in a worker thread: the JavaScript the main thread compiled (kata-compile.ts),
 * loaded as `vm` modules of this thread's own realm, with no loader thread. Every import they make,
 * static or `import()`, from their own code or from code they evaluate (`eval`, `new Function`),
 * comes here and is held to the import rules (kata-import-rules.ts). The kata API is the harness's
 * own modules (kata-api-modules.ts), so a kata shares `threadId`, `Mutex` and `Channel` with the harness.
 */
import vm from 'node:vm';
import type { CompiledKata } from '../scheduler/protocol.ts';
import { kataApiExports } from './kata-api-modules.ts';
import { isKataApi, resolveKataImport } from './kata-import-rules.ts';
import { registerSourceMap } from '../instrument/built-source.ts';

type Module = vm.SourceTextModule | vm.SyntheticModule;

/** apiModules are the kata API's modules the loaded kata imported, with the names each exports. */
let apiModules: { readonly module: vm.SyntheticModule; readonly url: string; readonly names: readonly string[] }[] = [];

/**
 * refreshKataApi sets each kata API export the kata imported to the harness's value now: a run's
 * `threadId` (worker/determinism.ts threadIdOf) reaches kata code that reads it, as a live binding.
 */
export function refreshKataApi(): void {
  for (const { module, url, names } of apiModules) {
    if (module.status !== 'evaluated') continue;
    const api = kataApiExports(url)!;
    for (const name of names) module.setExport(name, api[name]);
  }
}

/** importKata loads the compiled kata and returns its module's exports; `loaded` is called at each module it resolves. */
export async function importKata(kata: CompiledKata, loaded: () => void = () => {}): Promise<Record<string, unknown>> {
  const code = new Map(kata.modules.map((module) => [module.url, module]));
  const modules = new Map<string, Module>();
  apiModules = [];
  for (const module of kata.modules) registerSourceMap(module.url, module.map);

  const importDynamically = async (specifier: string, referrer: { identifier?: string }) => {
    const module = await moduleAt(resolveKataImport(specifier, referrer.identifier ?? kata.entry));
    if (module.status === 'unlinked') await module.link(link);
    if (module.status !== 'evaluated') await module.evaluate();
    return module;
  };

  async function moduleAt(url: string): Promise<Module> {
    loaded();
    const known = modules.get(url);
    if (known) return known;
    let module: Module;
    if (isKataApi(url)) {
      const api = kataApiExports(url);
      if (!api) throw notFound(url);
      const names = Object.keys(api);
      const synthetic = new vm.SyntheticModule(
        names,
        function (this: vm.SyntheticModule) {
          for (const name of names) this.setExport(name, api[name]);
        },
        { identifier: url },
      );
      apiModules.push({ module: synthetic, url, names });
      module = synthetic;
    } else {
      const source = code.get(url);
      if (!source) throw notFound(url);
      module = new vm.SourceTextModule(source.code, {
        identifier: url,
        initializeImportMeta: (meta) => {
          meta.url = url;
        },
        // The option's type wants a vm.Module back, which this returns; its declaration is narrower.
        importModuleDynamically: importDynamically as unknown as vm.SourceTextModuleOptions['importModuleDynamically'],
      });
    }
    modules.set(url, module);
    return module;
  }

  const link = (specifier: string, referencing: vm.Module) =>
    moduleAt(resolveKataImport(specifier, referencing.identifier));

  const root = await moduleAt(kata.entry);
  await root.link(link);
  await root.evaluate();
  return root.namespace as Record<string, unknown>;
}

/** notFound is Node's own error for a file that is not there. */
function notFound(url: string): Error {
  const error = new Error(`Cannot find module '${new URL(url).pathname}'`) as Error & { code: string };
  error.code = 'ERR_MODULE_NOT_FOUND';
  return error;
}
