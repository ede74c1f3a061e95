import { AsyncLocalStorage } from "node:async_hooks";
import { type Context, type ContextManager, ROOT_CONTEXT } from "@opentelemetry/api";

/**
 * The OpenTelemetry context manager of a process with tracing on. OpenTelemetry's own keeps every context
 * it makes active across awaits with AsyncLocalStorage, and on Node 20 the first one turns on async hooks
 * for the rest of the process, after which every await costs several times as much (a loop of awaits ran
 * 6.7 times slower). The span processor makes a context active for each export, so the first sampled span
 * slowed a whole worker, most of which never needs an active context: it hands contexts on explicitly.
 *
 * So `with`, what OpenTelemetry calls, keeps the context active only while its function runs (the
 * processor's export needs no more), and `acrossAwaits` keeps one active across the awaits of one piece of
 * work (a plugin's batch write, whose log lines should name its trace), with the hooks on only while such
 * work runs.
 */
export class ScopedContextManager implements ContextManager {
  private current: Context | undefined;
  private readonly storage = new AsyncLocalStorage<Context>();
  private openScopes = 0;

  active(): Context {
    return this.current ?? this.storage.getStore() ?? ROOT_CONTEXT;
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    context: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    const outer = this.current;
    this.current = context;
    try {
      return fn.call(thisArg, ...args);
    } finally {
      this.current = outer;
    }
  }

  /**
   * Runs `work` with `context` active until it settles, awaits included. Async work that `work` starts
   * and leaves running sees the context only while some such work still runs.
   */
  acrossAwaits<T>(context: Context, work: () => T): T {
    this.openScopes++;
    // A synchronous `with` around this call must not hide the context from `work`.
    const outer = this.current;
    this.current = undefined;
    let result: T;
    try {
      result = this.storage.run(context, work);
    } catch (error) {
      this.closeScope();
      throw error;
    } finally {
      this.current = outer;
    }
    if (!(result instanceof Promise)) {
      this.closeScope();
      return result;
    }
    return result.finally(() => this.closeScope()) as T;
  }

  bind<T>(context: Context, target: T): T {
    if (typeof target !== "function") return target;
    const manager = this;
    return function (this: unknown, ...args: unknown[]) {
      return manager.with(context, () => target.apply(this, args));
    } as T;
  }

  enable(): this {
    return this;
  }

  disable(): this {
    this.current = undefined;
    if (this.openScopes === 0) this.storage.disable();
    return this;
  }

  private closeScope(): void {
    this.openScopes--;
    // With no scope open, nothing needs the hooks: AsyncLocalStorage turns them off with its last store.
    if (this.openScopes === 0) this.storage.disable();
  }
}

/** The one context manager of this process, registered by the tracing SDK and used by `runWithContext`. */
export const scopedContexts = new ScopedContextManager();
