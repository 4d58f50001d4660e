const ATTEMPTS = 20;

/**
 * Runs `work` again while Kafka answers with a retriable error, backing off a little more each
 * time (about 50 s in all). A broker that has just started is still electing the coordinators of
 * its internal topics (consumer offsets, producer ids), and kafkajs' own few retries do not wait
 * long enough for that on a small machine; a service starting beside it should not fail for it.
 */
export const whileBrokerStarts = async <T>(work: () => Promise<T>): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!retriable(error) || attempt >= ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
};

type KafkaError = { retriable?: boolean; cause?: KafkaError } | undefined;

/** Retriable, or kafkajs gave up retrying something retriable (KafkaJSNumberOfRetriesExceeded). */
const retriable = (error: unknown) => {
  const kafkaError = error as KafkaError;
  return kafkaError?.retriable === true || kafkaError?.cause?.retriable === true;
};
