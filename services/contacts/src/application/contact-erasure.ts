import { contactSubject } from '@helpdesk/contracts';
import { type CommandRequest, PERSONAL_DATA_KEYS } from '@helpdesk/platform';
import type { PersonalDataKeyStore } from '@helpdesk/personal-data';
import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { runOrganisationCommand } from './run-organisation-command';

/**
 * Erases a contact: records ContactErased (the decider checks who may and keeps an
 * administrator), then shreds their key, so every sealed copy of their name, e-mail and phone
 * stops opening. Recorded first: a refusal must not cost the key. Shredded every time: a request
 * repeated after an interruption between the two finishes the job.
 */
@Injectable()
export class ContactErasure {
  constructor(
    private readonly commands: CommandBus,
    @Inject(PERSONAL_DATA_KEYS) private readonly keys: PersonalDataKeyStore,
  ) {}

  /** `byRetention`: the retention sweep's, as the system, of a contact no longer active (the decider checks). */
  async erase(
    organisationId: string,
    contactId: string,
    reason: string,
    request: CommandRequest,
    { byRetention = false } = {},
  ) {
    const result = await runOrganisationCommand(this.commands, organisationId, request, 'EraseContact', {
      contactId,
      reason,
      ...(byRetention ? { byRetention } : {}),
    });
    await this.keys.shred(contactSubject(contactId));
    return result;
  }
}
