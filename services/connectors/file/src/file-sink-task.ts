import { type FileHandle, open } from "node:fs/promises";
import { FatalError, type SinkTask } from "@connect-mesh/connector-sdk";
import type { Record as ConnectRecord } from "@connect-mesh/proto";
import { errorCode, fileError } from "./file-errors.js";
import { renderValue } from "./render-value.js";

/**
 * One FileStreamSink task: appends one line per record value to a file and makes it durable with fsync
 * on flush (Kafka Connect only flushes its Java stream, which leaves the data in the OS's cache).
 *
 * Each batch is written with a single append, so on a local filesystem the lines of several tasks (or
 * services) writing to one file interleave batch by batch, never within a line. Records accepted but not
 * flushed may be lost in a crash; the worker then delivers them again (at-least-once), so a line can repeat.
 */
export class FileSinkTask implements SinkTask {
  private constructor(
    private readonly file: FileHandle,
    private readonly path: string,
  ) {}

  /** Opens (creating if needed) the file for appending. The directory must exist, as in Connect. */
  static async open(path: string): Promise<FileSinkTask> {
    try {
      return new FileSinkTask(await open(path, "a"), path);
    } catch (error) {
      if (errorCode(error) === "ENOENT") {
        throw new FatalError(
          `Couldn't find or create file '${path}' for FileStreamSinkTask: its directory does not exist`,
          {
            cause: error,
          },
        );
      }
      throw fileError(`cannot open ${path} for appending`, error);
    }
  }

  async write(records: readonly ConnectRecord[]): Promise<void> {
    let text = "";
    for (const record of records) text += `${renderValue(record.value)}\n`;
    const bytes = Buffer.from(text, "utf8");
    let written = 0;
    try {
      // A regular file takes the whole buffer in one write; the loop only covers a short write.
      while (written < bytes.length) {
        const { bytesWritten } = await this.file.write(bytes, written, bytes.length - written);
        written += bytesWritten;
      }
    } catch (error) {
      // Nothing says which records made it, so the whole batch is reported and will be sent again.
      throw fileError(`cannot append ${records.length} records to ${this.path}`, error);
    }
  }

  async flush(): Promise<void> {
    try {
      await this.file.sync();
    } catch (error) {
      throw fileError(`cannot fsync ${this.path}`, error);
    }
  }

  async close(): Promise<void> {
    await this.file.close();
  }
}
