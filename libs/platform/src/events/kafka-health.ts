import { BackgroundTask, consumerGroupLag, kafkaClient } from '@helpdesk/messaging';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Admin } from 'kafkajs';
import { withTimeout } from '../health/lag';
import { ReadinessRegistry } from '../health/readiness';

/** Within readiness' own bound, so the answer says which brokers did not answer. */
const BROKER_TIMEOUT_MS = 1500;
import { RUNTIME_SETTINGS } from '../runtime/runtime.module';
import type { RuntimeSettings } from '../runtime/runtime.settings';

/**
 * What the process knows about its Kafka side, for readiness and lag: whether the brokers
 * answer, how each background task (relay, consumers) is doing, and how far each consumer group
 * is behind. One admin connection for all of it, opened on first use and again after a failure.
 */
@Injectable()
export class KafkaHealth implements OnApplicationShutdown {
  private readonly logger = new Logger('KafkaHealth');
  private readonly tasks: BackgroundTask[] = [];
  private admin?: Promise<Admin>;
  private closed = false;

  constructor(
    @Inject(RUNTIME_SETTINGS) private readonly settings: RuntimeSettings,
    readiness: ReadinessRegistry,
  ) {
    if (settings.eventBus.kind !== 'kafka') return;
    readiness.register({ name: 'kafka', check: () => this.check() });
  }

  /** A relay or consumer that connects in the background; readiness names it while it does not run. */
  track(task: BackgroundTask) {
    this.tasks.push(task);
  }

  /**
   * Resolves once every relay and consumer runs (joined its group, committed a new group's
   * start): for tests and tools that must not send before the consumers listen. Rejects with
   * what still waits after `timeoutMs`.
   */
  async whenRunning(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const waiting = this.tasks.filter((t) => t.state !== 'running' && t.state !== 'stopped');
      if (waiting.length === 0) return;
      if (Date.now() > deadline)
        throw new Error(
          `still not running: ${waiting.map((t) => `${t.name} (${t.problem ?? t.state})`).join('; ')}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** How far a consumer group is behind on its topics, in messages. */
  async groupLag(groupId: string, topics: string[]): Promise<number> {
    return this.withAdmin((admin) => consumerGroupLag(admin, groupId, topics));
  }

  private async check(): Promise<Record<string, unknown>> {
    const bus = this.settings.eventBus;
    const seeds = bus.kind === 'kafka' ? bus.brokers.join(',') : '';
    let brokers: number;
    try {
      brokers = await withTimeout(
        this.withAdmin(async (admin) => (await admin.describeCluster()).brokers.length),
        BROKER_TIMEOUT_MS,
      );
    } catch (error) {
      throw new Error(`brokers ${seeds} do not answer: ${(error as Error).message}`);
    }
    const waiting = this.tasks.filter((t) => t.state !== 'running' && t.state !== 'stopped');
    if (waiting.length > 0) {
      throw new Error(
        `not yet running: ${waiting.map((t) => `${t.name} (${t.problem ?? t.state})`).join('; ')}`,
      );
    }
    return { brokers };
  }

  private async withAdmin<T>(work: (admin: Admin) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error('shutting down');
    const admin = (this.admin ??= this.connect());
    try {
      return await work(await admin);
    } catch (error) {
      if (this.admin === admin) this.admin = undefined;
      void admin.then((a) => a.disconnect()).catch(() => undefined);
      throw error;
    }
  }

  private async connect(): Promise<Admin> {
    const bus = this.settings.eventBus;
    const brokers = bus.kind === 'kafka' ? bus.brokers : [];
    const kafka = kafkaClient('helpdesk-health', brokers, {
      warn: () => undefined, // readiness reports it; a probe every few seconds must not log
      error: () => undefined,
    });
    const admin = kafka.admin({ retry: { retries: 0 } });
    await admin.connect();
    return admin;
  }

  async onApplicationShutdown() {
    this.closed = true;
    const admin = this.admin;
    this.admin = undefined;
    await admin?.then((a) => a.disconnect()).catch((e) => this.logger.debug?.(String(e)));
  }
}
