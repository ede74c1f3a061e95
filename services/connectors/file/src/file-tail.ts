import type { FileHandle } from "node:fs/promises";
import { open } from "node:fs/promises";
import { setTimeout as delay } from "node:timers/promises";
import type { Logger } from "@connect-mesh/connector-sdk";
import { FileChanges } from "./file-changes.js";
import { errorCode, fileError } from "./file-errors.js";
import { type Line, LineSplitter } from "./line-splitter.js";

/** How to follow a file. */
export interface TailOptions {
  /** The file to follow, already resolved to an absolute path. */
  readonly path: string;
  /** The byte position to start at: 0, or the end of a line read before (a stored offset). */
  readonly startPosition: number;
  /** The most lines per batch (Connect's batch.size). */
  readonly maxBatchLines: number;
  /**
   * How long to wait before looking again at a file with no new data (unless the file system reports a
   * change sooner), or at one that does not exist yet.
   */
  readonly pollIntervalMs: number;
  /** How many bytes to read at a time. */
  readonly chunkBytes: number;
  /** The longest line accepted, in bytes; bounds the memory a partial line may take. */
  readonly maxLineBytes: number;
  readonly signal: AbortSignal;
  readonly logger: Logger;
}

/**
 * Follows a file as `tail -f` does, yielding batches of complete lines, as Connect's FileStreamSourceTask
 * does: from `startPosition`, reading in chunks while data is there, a batch as soon as `maxBatchLines`
 * are read or the end of the file is reached with at least one line; at the end of the file it looks
 * again as soon as the file changes, or after `pollIntervalMs` at the latest (Connect only polls, once a
 * second). A file that does not exist yet is waited for.
 *
 * It reads only when asked for the next batch, so no more than one batch plus one chunk is ever held.
 * It returns (without error) once `signal` aborts. The file stays open while followed: like Connect's, it
 * keeps reading the same file if it is renamed, and waits for new data past its position if truncated.
 */
export async function* tailFile(options: TailOptions): AsyncGenerator<Line[]> {
  const file = await openWhenCreated(options);
  if (file === undefined) return;
  const changes = new FileChanges(options.path);
  try {
    const splitter = new LineSplitter(options.startPosition, options.maxLineBytes);
    const chunk = Buffer.allocUnsafe(options.chunkBytes);
    let readPosition = options.startPosition;
    let lines: Line[] = [];
    let hasWarnedShrunk = false;
    while (!options.signal.aborted) {
      if (lines.length >= options.maxBatchLines) {
        yield lines.splice(0, options.maxBatchLines);
        continue;
      }
      const bytesRead = await readChunk(file, chunk, readPosition, options.path);
      if (bytesRead > 0) {
        readPosition += bytesRead;
        lines = lines.concat(splitter.push(chunk.subarray(0, bytesRead)));
        continue;
      }
      if (lines.length > 0) {
        yield lines;
        lines = [];
        continue;
      }
      if (!hasWarnedShrunk && (await file.stat()).size < readPosition) {
        hasWarnedShrunk = true;
        options.logger.warn(
          { file: options.path, position: readPosition },
          "the file is now shorter than the position read; waiting for data past that position",
        );
      }
      if (!(await changes.wait(options.pollIntervalMs, options.signal))) return;
    }
  } finally {
    changes.close();
    await file.close();
  }
}

/** Opens the file, waiting for it to be created if it does not exist; undefined if `signal` aborts first. */
async function openWhenCreated(options: TailOptions): Promise<FileHandle | undefined> {
  let hasWarned = false;
  while (!options.signal.aborted) {
    try {
      return await open(options.path, "r");
    } catch (error) {
      if (errorCode(error) !== "ENOENT") throw fileError(`cannot open ${options.path} for reading`, error);
    }
    if (!hasWarned) {
      hasWarned = true;
      // Connect logs this too, and keeps waiting: the file may be created after the connector.
      options.logger.warn(
        { file: options.path },
        "the file does not exist yet; waiting for it to be created",
      );
    }
    if (!(await pause(options))) return undefined;
  }
  return undefined;
}

async function readChunk(file: FileHandle, chunk: Buffer, position: number, path: string): Promise<number> {
  try {
    const { bytesRead } = await file.read(chunk, 0, chunk.length, position);
    return bytesRead;
  } catch (error) {
    throw fileError(`cannot read ${path} at byte ${position}`, error);
  }
}

/** Waits one poll interval; false if `signal` aborted meanwhile. */
async function pause(options: TailOptions): Promise<boolean> {
  try {
    await delay(options.pollIntervalMs, undefined, { signal: options.signal, ref: false });
    return true;
  } catch (error) {
    if (options.signal.aborted) return false;
    throw error;
  }
}
