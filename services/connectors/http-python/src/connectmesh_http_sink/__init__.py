"""connect-mesh's HTTP sink, a connector service in Python.

The model: a worker opens one SinkService.Write stream per sink task and sends numbered batches of
records; the service POSTs each batch to `http.url` as a JSON array (in chunks of batch.max.records) and
answers the batch with an ack once every chunk was answered 2xx, or with a typed error naming the first
record not delivered: RETRIABLE when the receiver was throttled, failing or unreachable for longer than
retry.max.ms, FATAL when it rejected the request with a 4xx. Because nothing is acked before the receiver
took it, a flush has nothing left to do. The worker owns Kafka: offsets, retries across batches, the
error policy and the dead-letter queue.

Entry point: __main__.py. The contract's generated code is the separate package connectmesh_gen.
"""
