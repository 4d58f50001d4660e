import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readdirSync, readFileSync } from 'node:fs';
import { CATALOGUE, cloudEventType, currentVersionOf } from './catalogue';
import { DOWNCASTERS, publishedForms } from './downcasting';
import { buildAsyncApi } from './generate/asyncapi';
import { ASYNCAPI_FILE, PUBLISHED_DIR, publishedExampleFile } from './generate/files';
import { personalFieldsOf } from './personal-data/personal-fields';
import { upcast, type Upcaster, UPCASTERS } from './upcasting';

// Reads the repository's own contract files: the point is to compare code with what was published.
const generated = buildAsyncApi();
const committed = JSON.parse(readFileSync(ASYNCAPI_FILE, 'utf8'));
const validator = (document: typeof generated) => {
  const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
  ajv.addSchema(document, 'asyncapi');
  return (schema: string, value: unknown) => {
    const validate = ajv.getSchema(`asyncapi#/components/schemas/${schema}`);
    if (!validate) throw new Error(`no schema ${schema}`);
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };
};
const check = validator(generated);
const everyEvent = CATALOGUE.flatMap((topic) =>
  topic.events.map((event) => ({
    ...event,
    type: cloudEventType(topic.aggregate, event.name, event.version),
  })),
);

describe('the event contracts', () => {
  it('AsyncAPI document is what the code generates (run `npm run contracts:generate` after changing events)', () =>
    expect(committed).toEqual(generated));

  it.each(everyEvent.map((e) => [e.type, e]))(
    'documents %s with an example that fits its schema',
    (_, event) => expect(check(event.type, event.example)).toEqual([]),
  );

  it('has a published example for every event version', () => {
    const published = readdirSync(PUBLISHED_DIR).sort();
    expect(published).toEqual(everyEvent.map((e) => `${e.type}.json`).sort());
  });

  // A published example that no longer fits means a field was removed, renamed, retyped or
  // newly required: consumers of that version would break. Add a new version and an upcaster.
  it.each(everyEvent.map((e) => [e.type]))('still accepts what was published as %s', (type) => {
    const example = JSON.parse(readFileSync(publishedExampleFile(type), 'utf8'));
    expect(check(type, example)).toEqual([]);
  });

  // A documented earlier version is a promise to its subscribers: the relay keeps publishing it
  // beside the current one, so a downcaster chain must reach it and produce what its schema says.
  const superseded = everyEvent.filter((e) => e.version < currentVersionOf(e.name) && !e.withdrawn);
  const withdrawn = everyEvent.filter((e) => e.withdrawn);
  // A withdrawn version is one the relay must not publish: no downcaster may bring it back.
  it.each(withdrawn.map((e) => [e.type, e]))('no longer publishes %s (withdrawn)', (_, old) => {
    const current = everyEvent.find((e) => e.name === old.name && e.version === currentVersionOf(old.name))!;
    const forms = publishedForms(DOWNCASTERS, old.name, {
      version: current.version,
      data: current.example as Record<string, unknown>,
    });
    expect(forms.map((f) => f.version)).toEqual([current.version]);
  });
  it.each(superseded.map((e) => [e.type, e]))(
    'still publishes %s, downcast from the current version',
    (_, old) => {
      const current = everyEvent.find(
        (e) => e.name === old.name && e.version === currentVersionOf(old.name),
      )!;
      const forms = publishedForms(DOWNCASTERS, old.name, {
        version: current.version,
        data: current.example as Record<string, unknown>,
      });
      const form = forms.find((f) => f.version === old.version);
      expect(form).toBeDefined();
      expect(check(old.type, form!.data)).toEqual([]);
      // Down and up again is where it started: no field is lost on the way.
      expect(upcast(UPCASTERS, old.name, old.version, form!.data)).toEqual({
        version: current.version,
        data: current.example,
      });
    },
  );

  it('catches a breaking change: a removed field fails the published example', () => {
    const broken = structuredClone(generated);
    const registered = broken.components.schemas['helpdesk.ticket.registered.v1'] as {
      properties: Record<string, unknown>;
      required: string[];
    };
    delete registered.properties.subject;
    registered.required = registered.required.filter((f) => f !== 'subject');
    const example = JSON.parse(readFileSync(publishedExampleFile('helpdesk.ticket.registered.v1'), 'utf8'));
    expect(validator(broken)('helpdesk.ticket.registered.v1', example)).toEqual([
      ' must NOT have additional properties',
    ]);
  });

  it('validates whole messages: the envelope and the data together', () => {
    const message = generated.components.messages['helpdesk.ticket.triaged.v1'] as {
      examples: Array<{ payload: { data: { priority: string } } }>;
    };
    const payload = structuredClone(message.examples[0].payload);
    const ajv = addFormats(new Ajv({ strict: false }));
    ajv.addSchema(generated, 'asyncapi');
    const validate = ajv.getSchema('asyncapi#/components/messages/helpdesk.ticket.triaged.v1/payload')!;
    expect(validate(payload)).toBe(true);
    payload.data.priority = 'P9';
    expect(validate(payload)).toBe(false);
  });
});

describe('personal data in the contract', () => {
  // Version 2 of the contacts' events is a breaking change on purpose: a clear personal value is
  // no longer valid there, only its envelope (SealedValue); version 1 stays documented, unpublished.
  it('ContactAdded v2 accepts the sealed envelope only, never a clear name', () => {
    const example = JSON.parse(
      readFileSync(publishedExampleFile('helpdesk.organisation.contact-added.v2'), 'utf8'),
    );
    expect(check('helpdesk.organisation.contact-added.v2', example)).toEqual([]);
    const clear = { ...example, contact: { ...example.contact, name: 'Bram Jansen' } };
    expect(check('helpdesk.organisation.contact-added.v2', clear)).not.toEqual([]);
    expect(check('helpdesk.organisation.contact-added.v1', clear)).not.toEqual([]);
  });

  it('lists every personal field of the contacts events with its subject', () => {
    expect(personalFieldsOf('ContactAdded')!({ contact: { id: 'c-1' } })).toEqual([
      { path: ['contact', 'name'], subject: 'contact:c-1' },
      { path: ['contact', 'email'], subject: 'contact:c-1' },
      { path: ['contact', 'phone'], subject: 'contact:c-1' },
    ]);
    expect(personalFieldsOf('ContactDetailsChanged')!({ contactId: 'c-1' }).map((f) => f.path)).toEqual([
      ['changes', 'name'],
      ['changes', 'email'],
      ['changes', 'phone'],
    ]);
    expect(personalFieldsOf('ContactErased')).toBeUndefined();
    expect(personalFieldsOf('toString')).toBeUndefined();
  });
});

describe('upcasting', () => {
  const upcasters: Upcaster[] = [
    {
      name: 'TicketTriaged',
      fromVersion: 1,
      upcast: (d) => ({ ...d, priority: `P${d.level}`, level: undefined }),
    },
    { name: 'TicketTriaged', fromVersion: 2, upcast: (d) => ({ ...d, team: d.team ?? 'first-line' }) },
  ];

  it('brings an old stored version to the current one, a step at a time', () =>
    expect(upcast(upcasters, 'TicketTriaged', 1, { level: 2 })).toEqual({
      version: 3,
      data: { priority: 'P2', level: undefined, team: 'first-line' },
    }));

  it('leaves the current version and other events alone', () => {
    expect(upcast(upcasters, 'TicketTriaged', 3, { priority: 'P1' })).toEqual({
      version: 3,
      data: { priority: 'P1' },
    });
    expect(upcast(upcasters, 'CommentAdded', 1, { body: 'x' })).toEqual({ version: 1, data: { body: 'x' } });
  });
});
