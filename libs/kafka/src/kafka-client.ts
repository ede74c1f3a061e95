import { Kafka } from "kafkajs";
import type { Admin } from "./admin.js";
import {
  type ClientOptions,
  clientConfigOf,
  PRODUCER_PROFILES,
  type ProducerProfile,
  readerConsumerConfigOf,
  sinkConsumerConfigOf,
} from "./client-profiles.js";
import type { Consumer } from "./consumer.js";
import type { Producer } from "./producer.js";

/**
 * A connection to one Kafka cluster, handing out its producers, consumers and admins in the profiles this
 * project uses. One per process; what it hands out is the client's own object, so nothing sits between a
 * caller and the client on the hot path.
 */
export class KafkaClient {
  private readonly kafka: Kafka;

  constructor(options: ClientOptions) {
    this.kafka = new Kafka(clientConfigOf(options));
  }

  /** A new producer for one kind of record (see ProducerProfile); connect it before sending. */
  producer(profile: ProducerProfile): Producer {
    return this.kafka.producer(PRODUCER_PROFILES[profile]);
  }

  /**
   * A new consumer for one run of a sink task, in its connector's group (`sinkGroupIdOf`). After a
   * retriable crash it restarts itself while `mayRestart()` is true.
   */
  sinkConsumer(connector: string, mayRestart: () => boolean): Consumer {
    return this.kafka.consumer(sinkConsumerConfigOf(connector, mayRestart));
  }

  /**
   * A new consumer for reading a topic rather than following it, in a throwaway group named after
   * `groupPrefix`; run it with `autoCommit: false`. `retries` overrides the client's default.
   */
  readerConsumer(groupPrefix: string, options: { readonly retries?: number } = {}): Consumer {
    return this.kafka.consumer(readerConsumerConfigOf(groupPrefix, options.retries));
  }

  /** A new admin client; connect it before use. */
  admin(): Admin {
    return this.kafka.admin();
  }
}
