import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One record as the HTTP sink posts it. */
export interface PostedRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly key: unknown;
  readonly value: unknown;
  readonly headers: readonly { readonly key: string; readonly value: unknown }[];
}

/**
 * A local HTTP endpoint for the HTTP sink to post to, standing in for a team's real service: it keeps every
 * record it accepts, can be told to answer 503 for a while to play an outage, and to refuse (422) every
 * request that holds a record it finds invalid, as a service validating each record would.
 */
export class HttpReceiver {
  readonly records: PostedRecord[] = [];
  /** Requests answered 503 while unavailable. */
  refused = 0;
  private isAvailable = true;
  private isInvalid: (record: PostedRecord) => boolean = () => false;
  private readonly server: Server;

  private constructor(server: Server) {
    this.server = server;
  }

  /** Starts listening on a free loopback port. */
  static async start(): Promise<HttpReceiver> {
    const receiver = new HttpReceiver(createServer());
    receiver.server.on("request", (request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        if (!receiver.isAvailable) {
          receiver.refused += 1;
          response.writeHead(503).end("down for maintenance");
          return;
        }
        const posted = JSON.parse(Buffer.concat(chunks).toString()) as PostedRecord[];
        if (posted.some((record) => receiver.isInvalid(record))) {
          response.writeHead(422).end("a record failed validation");
          return;
        }
        receiver.records.push(...posted);
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((listening) => receiver.server.listen(0, "127.0.0.1", listening));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/ingest`;
  }

  /** Answers 503 to everything until `recover`. */
  fail(): void {
    this.isAvailable = false;
  }

  recover(): void {
    this.isAvailable = true;
  }

  /** Answers 422 to every request holding a record `isInvalid` accepts, until `acceptAll`. */
  rejectRecords(isInvalid: (record: PostedRecord) => boolean): void {
    this.isInvalid = isInvalid;
  }

  acceptAll(): void {
    this.isInvalid = () => false;
  }

  async stop(): Promise<void> {
    await new Promise((closed) => this.server.close(closed));
  }
}
