import { loadMailReferenceSecret, signMessageId, verifyMessageId } from './mail-reference';

const secret = 'a-test-secret-of-at-least-thirty-two-chars';
const ref = { ticketId: '6f1c2a8e-3b7d-4c55-9a10-2f4e8b9c0d11', recipientKey: 'contact:contact-42' };

describe('signed Message-IDs', () => {
  const signed = signMessageId('<5e1f0c3a9b7d@helpdesk.local>', ref, secret);

  it('stay a valid msg-id of our domain and keep their unique part', () => {
    expect(signed).toMatch(/^<5e1f0c3a9b7d\.hd1\.[\w.-]+@helpdesk\.local>$/);
  });

  it('give back the ticket and recipient they were signed for', () => {
    expect(verifyMessageId(signed, secret)).toEqual(ref);
    expect(verifyMessageId(signed.slice(1, -1), secret)).toEqual(ref);
  });

  it('are refused when another ticket is written in or the secret differs', () => {
    const other = Buffer.from('00000000-0000-4000-8000-000000000000').toString('base64url');
    const forged = signed.replace(/hd1\.[\w-]+\./, `hd1.${other}.`);
    expect(verifyMessageId(forged, secret)).toBeUndefined();
    expect(verifyMessageId(signed, 'another-secret-of-at-least-thirty-two')).toBeUndefined();
    expect(verifyMessageId('<abc@gmail.com>', secret)).toBeUndefined();
  });

  it('need a secret of 32 characters or more in production', () => {
    expect(() => loadMailReferenceSecret({ allowDevelopmentSecret: false }, {})).toThrow(
      /MAIL_REFERENCE_SECRET/,
    );
    expect(() =>
      loadMailReferenceSecret({ allowDevelopmentSecret: false }, { MAIL_REFERENCE_SECRET: 'short' }),
    ).toThrow(/at least 32/);
    expect(loadMailReferenceSecret({ allowDevelopmentSecret: true }, {})).toHaveLength(52);
  });
});
