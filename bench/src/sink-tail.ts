import { type FSWatcher, watch } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { setTimeout as delay } from "node:timers/promises";
import { nowMicros } from "./clock.js";

/**
 * Follows a sink file as it grows and hands over each complete line with the moment it was seen. It
 * reads on every change inotify reports (so it sees a line within a fraction of a millisecond of its
 * write) and also every `pollMs`, in case a notification is coalesced away.
 */
export class SinkTail {
  private file: FileHandle | undefined;
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private position = 0;
  private partial = "";
  private isReading = false;
  private isDirty = false;
  private readError: unknown;
  private readonly chunk = Buffer.allocUnsafe(1 << 20);
  /** Complete lines seen so far. */
  linesSeen = 0;

  constructor(
    private readonly path: string,
    private readonly onLine: (line: string, seenAtMicros: number) => void,
    private readonly pollMs = 20,
  ) {}

  /** Starts following, once the file exists (the sink task creates it when it starts). */
  async start(signal: AbortSignal): Promise<void> {
    while (this.file === undefined) {
      signal.throwIfAborted();
      this.file = await open(this.path, "r").catch(() => undefined);
      if (this.file === undefined) await delay(10, undefined, { signal });
    }
    this.watcher = watch(this.path, () => this.wake());
    this.timer = setInterval(() => this.wake(), this.pollMs);
    this.wake();
  }

  /** Waits until `count` lines have been seen; throws if none arrive for `stallMs`. */
  async waitForLines(count: number, stallMs: number, signal: AbortSignal): Promise<void> {
    let last = this.linesSeen;
    let lastGrowthAt = Date.now();
    while (this.linesSeen < count) {
      if (this.readError !== undefined) throw this.readError;
      if (this.linesSeen !== last) {
        last = this.linesSeen;
        lastGrowthAt = Date.now();
      } else if (Date.now() - lastGrowthAt > stallMs) {
        throw new Error(
          `${this.path} stopped at ${this.linesSeen} of ${count} lines for ${stallMs / 1000} s`,
        );
      }
      await delay(50, undefined, { signal });
    }
  }

  async stop(): Promise<void> {
    this.watcher?.close();
    clearInterval(this.timer);
    while (this.isReading) await delay(5);
    await this.file?.close();
  }

  private wake(): void {
    if (this.isReading) {
      this.isDirty = true;
      return;
    }
    this.isReading = true;
    this.readAvailable().then(
      () => {
        this.isReading = false;
      },
      (error: unknown) => {
        this.isReading = false;
        this.readError = error;
      },
    );
  }

  private async readAvailable(): Promise<void> {
    const file = this.file;
    if (file === undefined) return;
    do {
      this.isDirty = false;
      for (;;) {
        const { bytesRead } = await file.read(this.chunk, 0, this.chunk.length, this.position);
        if (bytesRead === 0) break;
        const seenAt = nowMicros();
        this.position += bytesRead;
        const lines = (this.partial + this.chunk.toString("latin1", 0, bytesRead)).split("\n");
        this.partial = lines.pop() ?? "";
        for (const line of lines) this.onLine(line, seenAt);
        this.linesSeen += lines.length;
      }
    } while (this.isDirty);
  }
}
