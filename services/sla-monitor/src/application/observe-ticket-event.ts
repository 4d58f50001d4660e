import { type CloudEvent, decodeMessage, type SlaEvent, type TicketEvent } from '@helpdesk/contracts';
import {
  derivedEventId,
  DuplicateEventError,
  type EventStore,
  handleCommand,
  handleCommandsOnStreams,
  type StoredEvent,
  type StreamCommands,
} from '@helpdesk/event-store';
import { NotYetKnown } from '@helpdesk/messaging';
import { EVENT_STORE } from '@helpdesk/platform';
import { Inject, Injectable } from '@nestjs/common';
import { SlaOrganisationDirectory } from '../consumers/sla-organisation-directory';
import { type SlaClockCommand, type SlaClocks, slaClockDecider, slaStream } from '../domain';
import { SLA_SETTINGS, type SlaSettings } from './sla-settings';

/** Who the monitor's own events are by: the service, reacting to tickets and to time. */
export const SLA_MONITOR_ACTOR = { id: 'sla-monitor', role: 'system' };

/**
 * The ticket revision an SLA event answers, in its metadata: the stream remembers how far it has
 * observed the ticket, whatever happened to the consumer's offsets or processed ids.
 */
interface ObservedMetadata {
  ticketRevision?: number;
}

/** The last ticket revision whose effects the SLA stream holds; -1 when none. */
const lastObservedRevision = async (store: EventStore, streamId: string) =>
  lastObservedIn(await store.readStream(streamId));

const lastObservedIn = (events: StoredEvent[]) => {
  for (let i = events.length - 1; i >= 0; i--) {
    const revision = (events[i].metadata as ObservedMetadata).ticketRevision;
    if (typeof revision === 'number') return revision;
  }
  return -1;
};

/**
 * Runs one ticket event through the ticket's SLA clocks, once. A redelivered event (Kafka, or a
 * standalone restart that delivers everything again) must not be decided again against a later
 * state: a repeated "customer replied" would resume a clock paused since. So an event at or
 * below the last revision the stream answered is skipped; one above it that changed nothing the
 * first time changes nothing again (only ticks came since, and they move no clock's phase).
 * Event ids derived from the ticket event's id make a crash between append and offset commit a
 * replay, not a second copy.
 */
@Injectable()
export class TicketEventObserver {
  private readonly decider;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SLA_SETTINGS) private readonly settings: SlaSettings,
    private readonly directory: SlaOrganisationDirectory,
  ) {
    this.decider = slaClockDecider(settings.policies);
  }

  async observe(message: CloudEvent) {
    const streamId = slaStream(message.subject);
    if (Number(message.sequence) <= (await lastObservedRevision(this.store, streamId))) return;
    const { command, ...options } = await this.commandFor(message);
    try {
      await handleCommand(this.store, this.decider, streamId, command, options);
    } catch (error) {
      if (!(error instanceof DuplicateEventError)) throw error;
    }
  }

  /**
   * Many ticket events, with the effect of `observe` on each in turn (order matters only within a
   * ticket, and is kept): one read of every ticket's SLA stream, one append for all of them. A
   * ticket whose event cannot be decided here (an organisation not yet known, a refusal), or a
   * batch the store refuses (a concurrent writer, a batch stored before and regrouped since), is
   * observed one event at a time: each is skipped, replayed or decided anew as `observe` does, and
   * its failure is thrown as `observe` throws it. So a redelivered batch appends nothing twice.
   */
  async observeAll(messages: CloudEvent[]) {
    const byStream = new Map<string, CloudEvent[]>();
    for (const message of messages) {
      const streamId = slaStream(message.subject);
      const ofStream = byStream.get(streamId);
      if (ofStream) ofStream.push(message);
      else byStream.set(streamId, [message]);
    }
    const alone: CloudEvent[][] = [];
    const work: StreamCommands<SlaClockCommand, SlaEvent, SlaClocks>[] = [];
    for (const [streamId, ofStream] of byStream) {
      try {
        const commands = await Promise.all(ofStream.map((m) => this.commandFor(m)));
        work.push({
          streamId,
          decider: this.decider,
          commands: (history: StoredEvent[]) => {
            let observed = lastObservedIn(history);
            return commands.filter(({ metadata }) => {
              if (metadata.ticketRevision <= observed) return false;
              observed = metadata.ticketRevision;
              return true;
            });
          },
        });
      } catch {
        alone.push(ofStream);
      }
    }
    const outcomes = await handleCommandsOnStreams(this.store, work);
    outcomes.forEach((outcome, i) => {
      if ('failed' in outcome) alone.push(byStream.get(work[i].streamId)!);
    });
    for (const ofStream of alone) for (const message of ofStream) await this.observe(message);
  }

  /** The command a ticket event makes, with its metadata and ids derived from the event's. */
  private async commandFor(message: CloudEvent) {
    const event = decodeMessage<TicketEvent>(message);
    const ticketRevision = Number(message.sequence);
    const command: SlaClockCommand = {
      type: 'ObserveTicketEvent',
      event,
      ...(event.type === 'TicketRegistered' && {
        policyId: await this.policyOf(event.data.organisationId, event.data.at),
      }),
    };
    return {
      command,
      metadata: {
        correlationId: message.correlationid ?? message.id,
        causationId: message.id,
        actor: SLA_MONITOR_ACTOR,
        occurredAt: event.data.at,
        ticketRevision,
      },
      eventIds: (index: number) => derivedEventId('sla-observed', message.id, String(index)),
    };
  }

  /**
   * The organisation's contract policy. An organisation the directory has not heard of yet is
   * waited for, not guessed: every ticket is filed for an organisation the contacts service
   * registered, so its registration is on its way on the other topic, and starting the clocks
   * under the default would measure the ticket against a contract the customer does not have
   * (the clocks' targets are fixed at registration). The consumer parks the event until the
   * directory has it (NotYetKnown), then dead-letters it after PARK_MAX_MS. A known organisation
   * whose policy is not one the monitor has in force is a gap in configuration, not in ordering:
   * waiting would not fill it, so the configured default applies.
   */
  private async policyOf(organisationId: string, registeredAt: string) {
    const organisation = await this.directory.organisation(organisationId);
    if (organisation.status === 'unregistered') throw new NotYetKnown(`organisation ${organisationId}`);
    try {
      return this.settings.policies.inForce(organisation.slaPolicy, registeredAt).id;
    } catch {
      return this.settings.defaultPolicyId;
    }
  }
}
