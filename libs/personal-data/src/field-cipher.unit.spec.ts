import { contactSubject, ERASED, isSealedValue } from './envelope';
import { newDataKey, openValue, sealValue } from './field-cipher';
import { InMemoryKeyStore } from './in-memory-key-store';
import { SubjectErasedError } from './key-store';
import { parseMasterKey } from './master-key';
import { openPersonalData, sealPersonalFields } from './personal-fields';

const subject = contactSubject('6f1c2d3e-0000-4000-8000-000000000001');

describe('the personal-data envelope', () => {
  it('is JSON that names its subject and holds no clear text', () => {
    const sealed = sealValue(newDataKey(), subject, 'bram@zorg.example');
    const json = JSON.parse(JSON.stringify(sealed));
    expect(json).toEqual({ pii: 1, subject, iv: expect.any(String), ct: expect.any(String) });
    expect(JSON.stringify(sealed)).not.toContain('bram');
    expect(Buffer.from(json.iv, 'base64')).toHaveLength(12);
    expect(isSealedValue(json)).toBe(true);
  });

  it('opens with the subject key, and differs each time the same value is sealed', () => {
    const key = newDataKey();
    const once = sealValue(key, subject, 'Bram Jansen');
    const twice = sealValue(key, subject, 'Bram Jansen');
    expect(once.ct).not.toBe(twice.ct);
    expect(openValue(key, once)).toBe('Bram Jansen');
    expect(openValue(key, twice)).toBe('Bram Jansen');
  });

  it('does not open under another key, another subject or when altered', () => {
    const key = newDataKey();
    const sealed = sealValue(key, subject, '+31 20 123 4567');
    expect(() => openValue(newDataKey(), sealed)).toThrow();
    expect(() => openValue(key, { ...sealed, subject: contactSubject('someone-else') })).toThrow();
    const altered = Buffer.from(sealed.ct, 'base64');
    altered[0] ^= 1;
    expect(() => openValue(key, { ...sealed, ct: altered.toString('base64') })).toThrow();
  });
});

describe('sealing and opening the personal fields of event data', () => {
  const data = { organisationId: 'org-1', contact: { id: 'c-1', name: 'Bram', email: 'bram@zorg.example' } };
  const fields = [
    { path: ['contact', 'name'], subject },
    { path: ['contact', 'email'], subject },
    { path: ['contact', 'phone'], subject },
  ];

  it('seals the listed fields only, leaves absent ones out, and opens them back', async () => {
    const keys = new InMemoryKeyStore();
    const sealed = await sealPersonalFields(keys, fields, data);
    expect(JSON.stringify(sealed)).not.toMatch(/Bram|bram/);
    expect(sealed).toMatchObject({ organisationId: 'org-1', contact: { id: 'c-1' } });
    expect(sealed.contact).not.toHaveProperty('phone');
    expect(await openPersonalData(keys, [sealed])).toEqual([data]);
  });

  it('opens to ERASED once the key is shredded, and refuses to seal for the erased subject', async () => {
    const keys = new InMemoryKeyStore();
    const sealed = await sealPersonalFields(keys, fields, data);
    expect(await keys.shred(subject)).toBe(true);
    expect(await keys.shred(subject)).toBe(false);
    const [opened] = await openPersonalData(keys, [sealed]);
    expect(opened).toEqual({ organisationId: 'org-1', contact: { id: 'c-1', name: ERASED, email: ERASED } });
    await expect(sealPersonalFields(keys, fields, data)).rejects.toBeInstanceOf(SubjectErasedError);
  });

  it('passes legacy clear values through unchanged (the same object) and seals nothing twice', async () => {
    const keys = new InMemoryKeyStore();
    const [legacy] = await openPersonalData(keys, [data]);
    expect(legacy).toBe(data);
    const sealed = await sealPersonalFields(keys, fields, data);
    expect(await sealPersonalFields(keys, fields, sealed)).toEqual(sealed);
  });

  it('seals values inside arrays by index', async () => {
    const keys = new InMemoryKeyStore();
    const list = { participants: [{ email: 'a@x.example' }, { email: 'b@x.example' }] };
    const other = contactSubject('other');
    const sealed = await sealPersonalFields(
      keys,
      [{ path: ['participants', 1, 'email'], subject: other }],
      list,
    );
    expect(sealed.participants).toEqual([
      { email: 'a@x.example' },
      { email: expect.objectContaining({ subject: other }) },
    ]);
    expect(await openPersonalData(keys, [sealed])).toEqual([list]);
  });
});

describe('the master key setting', () => {
  it('takes 32 bytes as hex or base64', () => {
    expect(parseMasterKey('ab'.repeat(32))).toHaveLength(32);
    expect(parseMasterKey(Buffer.alloc(32, 7).toString('base64'))).toEqual(Buffer.alloc(32, 7));
  });

  it.each(['', 'short', 'ab'.repeat(16), Buffer.alloc(31).toString('base64'), 'not base64!'])(
    'refuses %j, saying what it expects',
    (raw) => expect(() => parseMasterKey(raw)).toThrow(/32 random bytes/),
  );
});
