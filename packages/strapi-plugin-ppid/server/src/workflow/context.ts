import { AsyncLocalStorage } from 'async_hooks';

// Marks the writes the workflow itself makes (its publish act, its unpublish bookkeeping), so
// the governance middleware lets exactly those through and nothing else.
type Ctx = { publishing?: string; system?: boolean };
// One store per process, even when the module is loaded twice (the built bundle and the source,
// as tests do; or two copies of the package in a host's node_modules).
const KEY = Symbol.for('strapi-plugin-ppid.workflow-context');
const storage: AsyncLocalStorage<Ctx> = ((globalThis as any)[KEY] ??= new AsyncLocalStorage<Ctx>());

export const itemKey = (uid: string, documentId: string, locale?: string | null) => `${uid}:${documentId}:${locale ?? ''}`;

export const asWorkflowPublish = <T>(key: string, fn: () => Promise<T>) => storage.run({ publishing: key }, fn);
/** Internal writes by the plugin itself (demo seeding, DIP proposals) that are not content edits. */
export const asSystem = <T>(fn: () => Promise<T>) => storage.run({ system: true }, fn);
export const workflowContext = () => storage.getStore();
