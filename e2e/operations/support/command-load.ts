import type { Principal } from '@helpdesk/platform';
import { agent, type Answer, callAny } from './desk-client';
import { PacedLoop } from './paced-loop';

/** The organisation the load files tickets for, and its administrator (authorised). */
export interface LoadDesk {
  organisationId: string;
  administrator: Principal;
}

export interface LoadTargets {
  tickets: () => string[];
  contacts: () => string[];
  releases: () => string[];
}

/** A command the desk answered 2xx: it must be in its service's event store afterwards. */
export interface Acknowledged {
  service: 'tickets' | 'contacts' | 'releases';
  what: 'register ticket' | 'comment' | 'add contact' | 'plan release';
  /** The stream it wrote and the revision the answer named. */
  stream: string;
  revision: number;
  at: number;
}

/**
 * A steady, bounded load of real HTTP commands across the services that take commands: tickets
 * registered and commented on, contacts added, releases planned. Records what was acknowledged
 * and what was not (nothing listening, or a failure whose outcome is unknown).
 */
export class CommandLoad {
  readonly acknowledged: Acknowledged[] = [];
  readonly answers: Record<string, number> = {};
  readonly tickets: string[] = [];
  private sequence = 0;
  private readonly loop = new PacedLoop(() => this.next());

  constructor(
    private readonly targets: LoadTargets,
    private readonly desk: LoadDesk,
    private readonly runId = Date.now().toString(36),
  ) {}

  /** Sends one command every `intervalMs` (one at a time) until `stop`, or `maxCommands`. */
  start(intervalMs = 100, maxCommands = 3000) {
    this.loop.start(intervalMs, maxCommands);
  }

  stop() {
    return this.loop.stop();
  }

  /** Exactly `count` commands, as fast as they are answered: a fixed amount of work to measure. */
  async send(count: number) {
    for (let i = 0; i < count; i++) await this.next();
  }

  get commands() {
    return Object.values(this.answers).reduce((a, b) => a + b, 0);
  }

  private async next() {
    const n = this.sequence++;
    const lastTicket = this.tickets.at(-1);
    if (n % 10 === 9) return this.planRelease(n);
    if (n % 4 === 1 && lastTicket) return this.comment(lastTicket);
    if (n % 4 === 3) return this.addContact(n);
    return this.registerTicket(n);
  }

  private record(answer: Answer, ack?: (body: Record<string, unknown>) => Omit<Acknowledged, 'at'>) {
    const key =
      answer.status === 'failed'
        ? `${answer.sent ? 'failed after sending' : 'not listening'}`
        : String(answer.status);
    this.answers[key] = (this.answers[key] ?? 0) + 1;
    if (answer.status !== 'failed' && answer.status >= 200 && answer.status < 300 && ack)
      this.acknowledged.push({ ...ack(answer.body), at: Date.now() });
    return answer;
  }

  async registerTicket(n: number) {
    const answer = await callAny(this.targets.tickets(), 'POST', '/tickets', this.desk.administrator, {
      kind: 'error',
      subject: `Load ${this.runId} #${n}`,
      description: 'Filed by the operations suite under load.',
    });
    this.record(answer, (body) => {
      this.tickets.push(String(body.id));
      return {
        service: 'tickets',
        what: 'register ticket',
        stream: `ticket-${body.id}`,
        revision: Number(body.revision),
      };
    });
    return answer;
  }

  private comment(ticketId: string) {
    return callAny(this.targets.tickets(), 'POST', `/tickets/${ticketId}/comments`, agent, {
      body: 'We are looking into it.',
      visibility: 'public',
    }).then((answer) =>
      this.record(answer, (body) => ({
        service: 'tickets',
        what: 'comment',
        stream: `ticket-${ticketId}`,
        revision: Number(body.revision),
      })),
    );
  }

  private addContact(n: number) {
    const { organisationId, administrator } = this.desk;
    return callAny(
      this.targets.contacts(),
      'POST',
      `/organisations/${organisationId}/contacts`,
      administrator,
      {
        name: `Contact ${n}`,
        email: `contact-${this.runId}-${n}@load.example`,
        language: 'en',
      },
    ).then((answer) =>
      this.record(answer, (body) => ({
        service: 'contacts',
        what: 'add contact',
        stream: `organisation-${organisationId}`,
        revision: Number(body.revision),
      })),
    );
  }

  private planRelease(n: number) {
    const day = new Date(Date.UTC(2030, 0, 1) + (n % 3000) * 86400000).toISOString().slice(0, 10);
    return callAny(this.targets.releases(), 'POST', '/releases', agent, {
      version: `9.${n}.0-${this.runId}`.slice(0, 40),
      plannedDate: day,
    }).then((answer) =>
      this.record(answer, (body) => ({
        service: 'releases',
        what: 'plan release',
        stream: `release-${body.id}`,
        revision: Number(body.revision),
      })),
    );
  }
}
