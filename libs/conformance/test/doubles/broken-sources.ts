// Read handlers that each break one rule of SourceService.Read and keep the rest: open first, sequences
// from 1, stopping on cancel and on half-close, and (unless that is the broken rule) credit and resuming.
// Records count up in one partition {"stream": "0"} with offsets {"n": k}, one record per batch, sent in the
// per-record form or as a packed run of one.
import {
  type Record as ConnectRecord,
  type PackedRecords,
  type ReadRequest,
  type ReadResponse,
  Schema,
  SchemaType,
  type SourceBatch,
  type SourceOffset,
  type SourceServiceServer,
  type Value,
} from "@connect-mesh/proto";
import type { ServerDuplexStream } from "@grpc/grpc-js";
import { refuseNotOpen } from "./refuse-call.js";

const PARTITION: Value = mapOf("stream", { kind: { $case: "stringValue", value: "0" } });
// Enough to overrun any credit the kit grants; bounded so a broken double cannot flood for ever.
const MAX_UNCREDITED_BATCHES = 20;
const INTERVAL_MS = 10;

/** Sends batches on a timer whatever credit was granted: the kit must fail `source.respects-credit` only. */
export function creditIgnoringSource(): SourceServiceServer {
  return { read: (call) => serveRead(call, { ignoresCredit: true, ignoresOffsets: false, form: "records" }) };
}

/**
 * Starts from the first record whatever offsets open gives, sending batches in `form`: the kit must fail
 * `source.resumes-from-offsets` only.
 */
export function offsetIgnoringSource(form: "records" | "packed" = "records"): SourceServiceServer {
  return { read: (call) => serveRead(call, { ignoresCredit: false, ignoresOffsets: true, form }) };
}

/** Sets both forms in every batch: the kit must fail `source.sequences-from-one` only. */
export function bothFormsSource(): SourceServiceServer {
  return { read: (call) => serveRead(call, { ignoresCredit: false, ignoresOffsets: false, form: "both" }) };
}

interface BrokenRules {
  readonly ignoresCredit: boolean;
  readonly ignoresOffsets: boolean;
  /** The batches' form; "both" breaks the rule that a batch uses one. */
  readonly form: "records" | "packed" | "both";
}

function serveRead(call: ServerDuplexStream<ReadRequest, ReadResponse>, broken: BrokenRules): void {
  let isOpen = false;
  let n = 0;
  let sequence = 0n;
  let timer: NodeJS.Timeout | undefined;
  const stop = (): void => clearInterval(timer);
  const sendBatch = (): void => {
    sequence += 1n;
    call.write({ message: { $case: "batch", value: batchOf(sequence, n++, broken.form) } });
  };
  call.on("data", (request: ReadRequest) => {
    const message = request.message;
    if (!isOpen) {
      if (message?.$case !== "open") return refuseNotOpen(call, message?.$case ?? "empty");
      isOpen = true;
      n = broken.ignoresOffsets ? 0 : resumeAfter(message.value.offsets);
      if (broken.ignoresCredit) {
        timer = setInterval(() => (sequence >= MAX_UNCREDITED_BATCHES ? stop() : sendBatch()), INTERVAL_MS);
        timer.unref();
      }
      return;
    }
    // Data is always there, so a credit-honouring double answers each credit at once.
    if (message?.$case === "credit" && !broken.ignoresCredit) {
      for (let batch = 0; batch < message.value.batches; batch++) sendBatch();
    }
  });
  call.on("end", () => {
    stop();
    call.end();
  });
  call.on("cancelled", stop);
  call.on("error", stop);
}

function batchOf(sequence: bigint, n: number, form: BrokenRules["form"]): SourceBatch {
  return {
    sequence,
    records: form === "packed" ? [] : [record(n)],
    packed: form === "records" ? [] : [packedRun(n)],
  };
}

/** Record n as a packed run of one: the same value, partition and offset. */
function packedRun(n: number): PackedRecords {
  return {
    topic: "t",
    kafkaPartition: undefined,
    keySchema: undefined,
    keys: [],
    valueSchema: Schema.fromPartial({ type: SchemaType.SCHEMA_TYPE_STRING }),
    values: [Buffer.from(`record-${n}`)],
    timestampBaseMs: undefined,
    timestampDeltasMs: [],
    sourcePartition: PARTITION,
    lastSourceOffset: offsetOf(n),
    unsampled: false,
    kafkaBaseOffset: undefined,
    kafkaOffsetDeltas: [],
  };
}

function offsetOf(n: number): Value {
  return mapOf("n", { kind: { $case: "intValue", value: BigInt(n) } });
}

function record(n: number): ConnectRecord {
  return {
    key: undefined,
    keySchema: undefined,
    value: { kind: { $case: "stringValue", value: `record-${n}` } },
    valueSchema: undefined,
    headers: [],
    timestampMs: undefined,
    topic: "t",
    kafkaPartition: undefined,
    sourcePartition: PARTITION,
    sourceOffset: offsetOf(n),
    kafkaPosition: undefined,
    trace: undefined,
  };
}

/** The record number after the stored offset `{"n": k}` of the double's partition, or 0 without one. */
function resumeAfter(offsets: readonly SourceOffset[]): number {
  for (const { offset } of offsets) {
    const entry = offset?.kind?.$case === "mapValue" ? offset.kind.value.entries[0] : undefined;
    const value = entry?.value?.kind;
    if (value?.$case === "intValue") return Number(value.value) + 1;
  }
  return 0;
}

function mapOf(key: string, value: Value): Value {
  return {
    kind: {
      $case: "mapValue",
      value: { entries: [{ key: { kind: { $case: "stringValue", value: key } }, value }] },
    },
  };
}
