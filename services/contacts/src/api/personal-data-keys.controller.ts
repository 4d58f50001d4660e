import { type PersonalDataKeyStore } from '@helpdesk/personal-data';
import { PERSONAL_DATA_KEYS, QueryOperation } from '@helpdesk/platform';
import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PERSONAL_DATA_KEY_SCHEMA } from './personal-data.schemas';

/** A refusal that says the thing existed and is deleted for good: 410. */
class Refusal extends Error {
  constructor(
    readonly kind: 'gone' | 'not_found',
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The desk's key API: a subscriber of the topics holding the `personal-data:read` scope gets a
 * person's key and opens their sealed fields (no role has the scope by default). Once the person
 * is erased the key is gone: 410, and the subscriber erases what it had decrypted.
 */
@ApiTags('personal data')
@Controller('personal-data/keys')
export class PersonalDataKeysController {
  constructor(@Inject(PERSONAL_DATA_KEYS) private readonly keys: PersonalDataKeyStore) {}

  @Get(':subject')
  @QueryOperation({
    ids: { subject: 'personalDataSubject' },
    summary: "A person's data key, to open their sealed fields (scope personal-data:read; 410 once erased)",
    scope: 'personal-data:read',
    response: PERSONAL_DATA_KEY_SCHEMA,
    problems: [410],
  })
  async get(@Param('subject') subject: string) {
    const key = (await this.keys.findKeys([subject])).get(subject);
    if (key) return { subject, algorithm: 'AES-256-GCM', key: key.toString('base64') };
    if (await this.keys.isErased(subject))
      throw new Refusal(
        'gone',
        'personal_data_erased',
        `${subject} was erased: their key is deleted for good.`,
      );
    throw new Refusal('not_found', 'no_such_subject', `The desk holds no key of ${subject}.`);
  }
}
