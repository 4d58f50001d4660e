import { withoutAddresses } from './without-addresses';

describe("a mail server's words without addresses", () => {
  it('is kept without the addresses the remote server named, in any of the forms servers write them', () => {
    expect(withoutAddresses('550 5.1.1 <bram.vergeet@zorg.example>: Recipient address rejected')).toBe(
      '550 5.1.1 <address>: Recipient address rejected',
    );
    expect(
      withoutAddresses('552 mailbox of Bram.Vergeet@Zorg.Example full; contact postmaster@zorg.example'),
    ).toBe('552 mailbox of <address> full; contact <address>');
    expect(withoutAddresses('550 5.1.1 User unknown')).toBe('550 5.1.1 User unknown');
  });
});
