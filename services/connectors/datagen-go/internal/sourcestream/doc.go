// Package sourcestream serves SourceService.Read, the contract's credit-based stream (source.proto), for any
// source task:
//
//   - the first request must be open; nothing is sent before it;
//   - a batch is sent only with credit for it (batches sent never exceed the credits received), is never
//     empty, and is numbered from 1;
//   - acks are cumulative and may only name batches already sent;
//   - the worker ends the task by half-closing or cancelling the stream, and the task stops at once.
//
// The task is asked for a batch only when there is credit to send it, so nothing is generated ahead of
// demand and nothing is buffered: what is in flight is bounded by the worker's credit.
package sourcestream
