import { type FSWatcher, watch } from "node:fs";
import { setTimeout as delay } from "node:timers/promises";

/**
 * Tells a tail that its file changed, through the operating system's change notification (inotify on
 * Linux), so lines appended to a followed file go out at once instead of after the next poll. Where the file
 * system reports nothing (some network mounts), `wait` still returns after its interval: polling remains
 * the fallback, as in Connect, which only polls.
 */
export class FileChanges {
  private readonly watcher: FSWatcher | undefined;
  private hasChanged = false;
  private wake: (() => void) | undefined;

  constructor(path: string) {
    try {
      this.watcher = watch(path, { persistent: false }, () => this.notice());
      this.watcher.on("error", () => this.close());
    } catch {
      this.watcher = undefined;
    }
  }

  /**
   * Resolves true once the file changed since the last wait, or `intervalMs` passed; false if `signal`
   * aborted first.
   */
  async wait(intervalMs: number, signal: AbortSignal): Promise<boolean> {
    if (this.hasChanged) {
      this.hasChanged = false;
      return !signal.aborted;
    }
    const changed = new Promise<void>((resolve) => {
      this.wake = resolve;
    });
    const timer = new AbortController();
    try {
      await Promise.race([
        changed,
        delay(intervalMs, undefined, { signal: AbortSignal.any([signal, timer.signal]), ref: false }),
      ]);
      this.hasChanged = false;
      return true;
    } catch (error) {
      if (signal.aborted) return false;
      throw error;
    } finally {
      this.wake = undefined;
      timer.abort();
    }
  }

  close(): void {
    this.watcher?.close();
  }

  private notice(): void {
    this.hasChanged = true;
    this.wake?.();
  }
}
